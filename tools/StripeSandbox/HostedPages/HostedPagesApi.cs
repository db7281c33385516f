using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using StripeSandbox.Api;
using StripeSandbox.Events;
using StripeSandbox.PaymentIntents;

namespace StripeSandbox.HostedPages;

/// <summary>
/// What Stripe.js and Stripe's pages do for a person in the browser, in the plainest HTML: a card form for a
/// PaymentIntent (credential: its client secret) and the 3-D Secure challenge page. After either, the browser goes to
/// the PaymentIntent's <c>return_url</c> with <c>payment_intent</c>, <c>payment_intent_client_secret</c> and
/// <c>redirect_status</c>, as Stripe's redirects do.
/// </summary>
public static class HostedPagesApi
{
    public static WebApplication MapHostedPages(this WebApplication app)
    {
        var pages = app.MapGroup("/sandbox").DisableAntiforgery();
        pages.MapGet("/checkout/{id}", CheckoutPage).WithName("CheckoutPage").WithSummary("The card form for a PaymentIntent.");
        pages.MapPost("/checkout/{id}", PayWithCard).WithName("PayWithCard").WithSummary("Confirms the PaymentIntent with the card entered.");
        pages.MapGet("/3ds/{id}", ChallengePage).WithName("ThreeDSecureChallengePage").WithSummary("The 3-D Secure challenge: complete or fail.");
        pages.MapPost("/3ds/{id}", AnswerChallenge).WithName("AnswerThreeDSecureChallenge").WithSummary("Completes or fails the challenge (form outcome=complete|fail).");
        return app;
    }

    /// <summary>The challenge page link put in a PaymentIntent's <c>next_action.redirect_to_url.url</c>.</summary>
    public static Func<PaymentIntent, string> ThreeDSecureUrl(HttpContext http, SandboxOptions options)
    {
        var publicUrl = (options.PublicUrl ?? $"{http.Request.Scheme}://{http.Request.Host}").TrimEnd('/');
        return intent => $"{publicUrl}/sandbox/3ds/{intent.Id}?client_secret={Uri.EscapeDataString(intent.ClientSecret)}";
    }

    public static IResult CheckoutPage(string id, string? client_secret, string? return_url, SandboxAccount account) =>
        account.GetPaymentIntentWithSecret(id, client_secret) is { } intent
            ? Html(CheckoutHtml(intent, client_secret!, return_url, error: null))
            : NotFoundPage();

    public static async Task<IResult> PayWithCard(string id, HttpContext http, SandboxAccount account, Microsoft.Extensions.Options.IOptions<SandboxOptions> options)
    {
        var form = await http.Request.ReadFormAsync();
        var clientSecret = form["client_secret"].ToString();
        var returnUrl = form["return_url"].ToString() is { Length: > 0 } url ? url : null;
        if (account.GetPaymentIntentWithSecret(id, clientSecret) is null) return NotFoundPage();
        try
        {
            var method = account.CreatePaymentMethod(form["card_number"].ToString(), null, null, []);
            var intent = account.ConfirmPaymentIntent(id, method["id"]!.GetValue<string>(), returnUrl, RequestContext.Browser, ThreeDSecureUrl(http, options.Value));
            if (intent["next_action"]?["redirect_to_url"]?["url"]?.GetValue<string>() is { } challenge) return Results.Redirect(challenge, permanent: false);
            return Finish(intent, returnUrl);
        }
        catch (StripeErrorException error)
        {
            return Html(CheckoutHtml(account.GetPaymentIntent(id), clientSecret, returnUrl, error.Message), StatusCodes.Status402PaymentRequired);
        }
    }

    public static IResult ChallengePage(string id, string? client_secret, SandboxAccount account) =>
        account.GetPaymentIntentWithSecret(id, client_secret) is { } intent ? Html(ChallengeHtml(intent, client_secret!)) : NotFoundPage();

    public static async Task<IResult> AnswerChallenge(string id, HttpContext http, SandboxAccount account)
    {
        var form = await http.Request.ReadFormAsync();
        if (account.GetPaymentIntentWithSecret(id, form["client_secret"].ToString()) is null) return NotFoundPage();
        try
        {
            var intent = account.CompleteAuthentication(id, form["outcome"].ToString() == "complete", RequestContext.Browser);
            return Finish(intent, account.ReturnUrlOf(id));
        }
        catch (StripeErrorException error)
        {
            return StripeJson.From(error);
        }
    }

    /// <summary>Back to the shop when it gave a return URL; otherwise the PaymentIntent as JSON (a test's or a script's call).</summary>
    private static IResult Finish(JsonObject intent, string? returnUrl)
    {
        if (returnUrl is null) return StripeJson.Ok(intent);
        var status = intent["status"]!.GetValue<string>() == "succeeded" ? "succeeded" : "failed";
        var separator = returnUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return Results.Redirect($"{returnUrl}{separator}payment_intent={intent["id"]}&payment_intent_client_secret={Uri.EscapeDataString(intent["client_secret"]!.GetValue<string>())}&redirect_status={status}");
    }

    private static IResult NotFoundPage() => Html(Page("Not found", "<p>No such payment, or the link is incomplete.</p>"), StatusCodes.Status404NotFound);

    private static IResult Html(string html, int status = StatusCodes.Status200OK) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    private static string CheckoutHtml(JsonObject intent, string clientSecret, string? returnUrl, string? error)
    {
        var enc = HtmlEncoder.Default;
        var amount = Amount(intent);
        var status = intent["status"]!.GetValue<string>();
        var body = status is "succeeded" or "canceled"
            ? $"<p>This payment is {enc.Encode(status)}.</p>"
            : $"""
              {(error is null ? "" : $"<p class=\"error\" role=\"alert\">{enc.Encode(error)}</p>")}
              <form method="post">
                <input type="hidden" name="client_secret" value="{enc.Encode(clientSecret)}">
                <input type="hidden" name="return_url" value="{enc.Encode(returnUrl ?? "")}">
                <label>Card number <input name="card_number" inputmode="numeric" autocomplete="cc-number" value="4242 4242 4242 4242" required></label>
                <button type="submit">Pay {enc.Encode(amount)}</button>
              </form>
              <p class="hint">Test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, 4000 0000 0000 9995 has
              insufficient funds, 4000 0025 0000 3155 asks for 3-D Secure.</p>
              """;
        return Page($"Pay {amount}", body);
    }

    private static string ChallengeHtml(JsonObject intent, string clientSecret)
    {
        var enc = HtmlEncoder.Default;
        return Page("3-D Secure", $"""
            <p>Your bank asks you to confirm the payment of {enc.Encode(Amount(intent))}.</p>
            <form method="post">
              <input type="hidden" name="client_secret" value="{enc.Encode(clientSecret)}">
              <button type="submit" name="outcome" value="complete">Complete authentication</button>
              <button type="submit" name="outcome" value="fail">Fail authentication</button>
            </form>
            """);
    }

    private static string Amount(JsonObject intent) =>
        $"{intent["amount"]!.GetValue<long>() / 100m:0.00} {intent["currency"]!.GetValue<string>().ToUpperInvariant()}";

    private static string Page(string title, string body) => $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{HtmlEncoder.Default.Encode(title)}} · Stripe sandbox</title>
        <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}label,button{display:block;margin:.75rem 0}
        input{font-size:1.1rem;width:100%}.error{color:#b00020}.hint{color:#555;font-size:.85rem}</style></head>
        <body><h1>{{HtmlEncoder.Default.Encode(title)}}</h1><p><small>Stripe sandbox: test mode, no real money.</small></p>{{body}}</body></html>
        """;
}
