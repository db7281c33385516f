using System.Text;

namespace LocalDapr.Tests.Infrastructure;

/// <summary>A TextWriter several threads may write to, whose text a test can read while they do.</summary>
public sealed class SyncWriter : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_text) _text.Append(value);
    }

    public override void Write(string? value)
    {
        lock (_text) _text.Append(value);
    }

    public override string ToString()
    {
        lock (_text) return _text.ToString();
    }
}
