using System.Text;
using YamlDotNet.RepresentationModel;

namespace SpaceOfSport.Deployment.Tests.Infrastructure;

/// <summary>YAML documents as trees, and a canonical text of a tree (keys sorted, scalars by value) to compare two.</summary>
public static class YamlDocuments
{
    public static IReadOnlyList<YamlMappingNode> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    public static IReadOnlyList<YamlMappingNode> ParseFile(string path) => Parse(File.ReadAllText(path));

    public static string Kind(this YamlMappingNode document) => Scalar(document, "kind");

    public static string Name(this YamlMappingNode document) =>
        document.Children.TryGetValue(new YamlScalarNode("metadata"), out var metadata) && metadata is YamlMappingNode m ? Scalar(m, "name") : "";

    /// <summary>
    /// The tree as text with mapping keys sorted and every scalar by its value ("10" and 10, 'input' and input are one
    /// value, as Kubernetes reads them for these string fields), lists in their order.
    /// </summary>
    public static string Canonical(YamlNode node)
    {
        var text = new StringBuilder();
        Write(node, text, 0);
        return text.ToString();
    }

    private static string Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value ?? "" : "";

    private static void Write(YamlNode node, StringBuilder text, int depth)
    {
        var indent = new string(' ', depth * 2);
        switch (node)
        {
            case YamlScalarNode scalar:
                text.Append(indent).Append('=').AppendLine(scalar.Value);
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    text.Append(indent).AppendLine("-");
                    Write(item, text, depth + 1);
                }

                break;
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children.OrderBy(c => ((YamlScalarNode)c.Key).Value, StringComparer.Ordinal))
                {
                    text.Append(indent).Append(((YamlScalarNode)key).Value).AppendLine(":");
                    Write(value, text, depth + 1);
                }

                break;
        }
    }
}
