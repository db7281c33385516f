using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Fluid;

namespace SpaceOfSport.Notifications.Templates;

/// <summary>An amount of money in a message: written in the customer's language, with its ISO currency.</summary>
public sealed record MoneyAmount(long Minor, string Currency);

/// <summary>A message rendered for every channel, in the language it was rendered in.</summary>
public sealed record RenderedMessage(string Template, string Locale, string Subject, string Html, string Text, string Sms);

/// <summary>
/// Liquid templates (Fluid) from the content root's <c>Templates/</c>: one HTML and one plain-text email layout, and per
/// language a catalogue of each message's texts (<c>Texts/{locale}.json</c>), themselves Liquid. The customer's
/// locale picks the catalogue (<c>de-AT</c> → <c>de</c>), anything unknown falls back to English. Every variable is
/// escaped: the HTML layout encodes every value it writes, texts included.
/// </summary>
public sealed class TemplateRenderer
{
    public const string DefaultLocale = "en";
    public static readonly IReadOnlyList<string> Locales = ["en", "es", "de", "fr"];

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new();

    private readonly Dictionary<string, Dictionary<string, Dictionary<string, IFluidTemplate>>> _texts = [];
    private readonly IFluidTemplate _htmlLayout;
    private readonly IFluidTemplate _textLayout;

    public TemplateRenderer(IHostEnvironment environment)
    {
        var folder = Path.Combine(environment.ContentRootPath, "Templates");
        _htmlLayout = Parse(File.ReadAllText(Path.Combine(folder, "email.html.liquid")), "email.html.liquid");
        _textLayout = Parse(File.ReadAllText(Path.Combine(folder, "email.txt.liquid")), "email.txt.liquid");
        foreach (var locale in Locales)
        {
            var catalogue = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(File.ReadAllText(Path.Combine(folder, "Texts", $"{locale}.json")))
                ?? throw new InvalidOperationException($"Templates/Texts/{locale}.json is empty");
            _texts[locale] = catalogue.ToDictionary(t => t.Key, t => t.Value.ToDictionary(f => f.Key, f => Parse(f.Value, $"{locale}.json: {t.Key}.{f.Key}")));
        }
        Names = [.. _texts[DefaultLocale].Keys.Where(k => k != Common).Order(StringComparer.Ordinal)];
    }

    private const string Common = "common";

    /// <summary>Every message template there is (the keys of the English catalogue).</summary>
    public IReadOnlyList<string> Names { get; }

    public bool Exists(string template) => Names.Contains(template, StringComparer.Ordinal);

    /// <summary>The catalogue a customer's locale reads: its language when the shop has it, else English.</summary>
    public static string ResolveLocale(string? locale)
    {
        var language = locale?.Split('-')[0].ToLowerInvariant();
        return language is not null && Locales.Contains(language) ? language : DefaultLocale;
    }

    public RenderedMessage Render(string template, string? locale, IReadOnlyDictionary<string, object?> model, string? actionUrl, string? unsubscribeUrl)
    {
        if (!Exists(template)) throw new ArgumentException($"no template '{template}'", nameof(template));
        var language = ResolveLocale(locale);
        var culture = NumberFormats[language];
        var context = Context(model.ToDictionary(v => v.Key, v => Localized(v.Value, culture)));
        string Text(string section, string field) =>
            (_texts[language].GetValueOrDefault(section)?.GetValueOrDefault(field) ?? _texts[DefaultLocale][section].GetValueOrDefault(field))?.Render(context, NullEncoder.Default) ?? "";

        var subject = Text(template, "subject");
        var named = model.GetValueOrDefault("name") is string { Length: > 0 };
        var layout = Context(new Dictionary<string, object?>
        {
            ["locale"] = language,
            ["subject"] = subject,
            ["greeting"] = Text(Common, named ? "greeting" : "greetingAnonymous"),
            ["paragraphs"] = Text(template, "body").Split("\n\n"),
            ["action"] = Text(template, "action"),
            ["action_url"] = actionUrl,
            ["footer"] = Text(Common, "footer"),
            ["unsubscribe"] = Text(Common, "unsubscribe"),
            ["unsubscribe_url"] = unsubscribeUrl,
        });
        return new RenderedMessage(template, language, subject, _htmlLayout.Render(layout, Html), _textLayout.Render(layout, NullEncoder.Default), Text(template, "sms"));
    }

    /// <summary>
    /// How each language writes numbers, spelled out here because the service runs in invariant globalization mode (no
    /// ICU in its image).
    /// </summary>
    private static readonly Dictionary<string, NumberFormatInfo> NumberFormats = new()
    {
        ["en"] = new NumberFormatInfo { NumberDecimalSeparator = ".", NumberGroupSeparator = "," },
        ["es"] = new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "." },
        ["de"] = new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "." },
        ["fr"] = new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u202F" },
    };

    /// <summary>Money as the customer's language writes numbers, with its ISO currency (two decimals); times in UTC, ISO-like, said so.</summary>
    private static object? Localized(object? value, NumberFormatInfo numbers) => value switch
    {
        MoneyAmount money => $"{(money.Minor / 100m).ToString("N2", numbers)} {money.Currency}",
        DateTimeOffset time => $"{time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC",
        _ => value,
    };

    private static TemplateContext Context(IReadOnlyDictionary<string, object?> values)
    {
        var context = new TemplateContext(Options);
        foreach (var (key, value) in values) context.SetValue(key, value);
        return context;
    }

    private static IFluidTemplate Parse(string source, string where) =>
        Parser.TryParse(source, out var template, out var error) ? template : throw new InvalidOperationException($"template {where}: {error}");
}
