using MimeKit;

namespace LocalDapr.Tests.Bindings;

/// <summary>A message the server accepted: the envelope sender and recipients, and the parsed message.</summary>
internal sealed record CapturedMail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, MimeMessage Message);
