using Microsoft.AspNetCore.Http.HttpResults;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Notifications.Templates;

namespace SpaceOfSport.Notifications.Apis;

public sealed record TemplatePreview(string Template, string Locale, string Subject, string Html, string Text, string Sms);

/// <summary>Staff preview of message templates with sample data (<c>notifications:read</c>).</summary>
public static class TemplatesApi
{
    /// <summary>Sample values for every variable any template uses; a product name with markup shows the escaping.</summary>
    public static readonly IReadOnlyDictionary<string, object?> SampleData = new Dictionary<string, object?>
    {
        ["name"] = "Alex Runner",
        ["orderNumber"] = "SOS-2026-000123",
        ["carrier"] = "DHL",
        ["trackingNumber"] = "JD014600003828",
        ["amount"] = new MoneyAmount(4999, "EUR"),
        ["sku"] = "TRAIL-RUNNER-42-BLUE",
        ["available"] = 12,
        ["saleName"] = "Winter <b>Flash</b> Sale",
        ["endsAt"] = new DateTimeOffset(2026, 12, 1, 18, 0, 0, TimeSpan.Zero),
        ["items"] = 3,
    };

    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/templates").RequirePermission(Permissions.NotificationsRead).WithTags("Templates");
        templates.MapGet("/", ListTemplates).WithName("ListTemplates").WithSummary("The message templates and the languages they are written in.");
        templates.MapGet("/{name}/preview", PreviewTemplate).WithName("PreviewTemplate").WithSummary("A template rendered with sample data in a language (default en).");
        return app;
    }

    public static Ok<object> ListTemplates(TemplateRenderer renderer) => TypedResults.Ok<object>(new { templates = renderer.Names, locales = TemplateRenderer.Locales });

    public static Results<Ok<TemplatePreview>, NotFoundProblem> PreviewTemplate(string name, string? locale, TemplateRenderer renderer)
    {
        if (!renderer.Exists(name)) return new NotFoundProblem($"No template '{name}'.");
        var message = renderer.Render(name, locale, SampleData, "http://localhost:8080/account", "http://localhost:8080/api/notifications/unsubscribe/sample");
        return TypedResults.Ok(new TemplatePreview(message.Template, message.Locale, message.Subject, message.Html, message.Text, message.Sms));
    }
}
