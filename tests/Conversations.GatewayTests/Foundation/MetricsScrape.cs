using System.Globalization;
using System.Text.RegularExpressions;

namespace Conversations.GatewayTests.Foundation;

/// <summary>One Prometheus text scrape: each sample's name, labels and value.</summary>
public sealed partial class MetricsScrape(IReadOnlyList<MetricsScrape.Sample> samples)
{
    public IReadOnlyList<Sample> Samples => samples;

    public static async Task<MetricsScrape> ReadAsync(HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        var parsed = text.Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => SampleLine().Match(line))
            .Where(m => m.Success)
            .Select(m => new Sample(
                m.Groups["name"].Value,
                LabelPair().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value),
                double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)))
            .ToList();
        return new MetricsScrape(parsed);
    }

    /// <summary>The sum of the samples named <paramref name="name"/> with all the labels given; null when there is none.</summary>
    public double? Value(string name, params (string Label, string Value)[] labels)
    {
        var matching = samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Label) == l.Value)).ToList();
        return matching.Count == 0 ? null : matching.Sum(s => s.Value);
    }

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(\w+)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
