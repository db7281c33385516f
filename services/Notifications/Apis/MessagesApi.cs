using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using MimeKit;
using SpaceOfSport.BuildingBlocks.Http;
using SpaceOfSport.Notifications.Email;
using SpaceOfSport.Notifications.Sms;
using SpaceOfSport.Notifications.Templates;

namespace SpaceOfSport.Notifications.Apis;

public sealed record EmailRequest(string? To, string? Subject, string? Text, string? Html);

public sealed record SmsRequest(string? To, string? Text);

public sealed record SentMessage(Guid Id, string Reference);

/// <summary>
/// Email and SMS for the shop's other services (<c>POST /api/notifications/email</c>, <c>/sms</c>), through service
/// invocation only: a message they composed themselves, sent through the same bindings as customer messages.
/// </summary>
public static partial class MessagesApi
{
    /// <summary>The apps that may send.</summary>
    public static readonly string[] Callers = ["catalog", "inventory", "identity", "cart", "ordering", "payments", "analytics", "audit"];

    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var messages = app.MapGroup("/api").RequireCallerApp(Callers).WithTags("Messages");
        messages.MapPost("/email", SendEmail).WithName("SendEmail").WithSummary("Send an email (plain text, optional HTML) to one address.");
        messages.MapPost("/sms", SendSms).WithName("SendSms").WithSummary("Send an SMS (split as the network carries it) to one E.164 number.");
        return app;
    }

    public static async Task<Results<Ok<SentMessage>, ValidationProblem>> SendEmail(EmailRequest request, EmailSender email, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.To is null || !MailboxAddress.TryParse(request.To, out var to) || to.Address.Length == 0) errors["to"] = ["An email address is required."];
        if (string.IsNullOrWhiteSpace(request.Subject) || request.Subject.Length > 200 || request.Subject.Contains('\n')) errors["subject"] = ["A one-line subject of at most 200 characters is required."];
        if (string.IsNullOrWhiteSpace(request.Text)) errors["text"] = ["The plain-text body is required."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var id = Guid.CreateVersion7();
        var html = request.Html ?? $"<pre>{WebUtility.HtmlEncode(request.Text)}</pre>";
        var message = new RenderedMessage("direct", TemplateRenderer.DefaultLocale, request.Subject!, html, request.Text!, "");
        var reference = await email.SendAsync(message, request.To!, null, id, unsubscribeUrl: null, cancellationToken);
        return TypedResults.Ok(new SentMessage(id, reference));
    }

    public static async Task<Results<Ok<SentMessage>, ValidationProblem>> SendSms(SmsRequest request, SmsSender sms, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.To is null || !E164().IsMatch(request.To)) errors["to"] = ["A phone number in E.164 format is required, e.g. +4915112345678."];
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > 1600) errors["text"] = ["A text of 1 to 1600 characters is required."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var id = Guid.CreateVersion7();
        return TypedResults.Ok(new SentMessage(id, await sms.SendAsync("direct", request.To!, request.Text!, id, cancellationToken)));
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$")]
    private static partial Regex E164();
}
