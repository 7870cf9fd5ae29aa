using System.Text;

namespace OmcpSandbox.Validation.Tests;

/// <summary>Builds a long analysis script of the kind agents send: imports, functions, classes, pandas and plots.</summary>
public static class RealisticScript
{
    private const string Header = """
        import io
        import json
        import math
        import statistics
        from collections import Counter, defaultdict
        from dataclasses import dataclass, field
        import numpy as np
        import pandas as pd
        import matplotlib
        matplotlib.use('Agg')
        import matplotlib.pyplot as plt

        """;

    private const string Block = """
        @dataclass
        class Cohort{0}:
            name: str
            members: list = field(default_factory=list)

            def __len__(self):
                return len(self.members)

            def summary(self, limit: int = 10) -> dict:
                counts = Counter(m % 7 for m in self.members)
                return {{'name': self.name, 'n': len(self), 'top': counts.most_common(limit)}}


        def analyse_{0}(frame: pd.DataFrame, threshold=0.5):
            grouped = frame.groupby('site').agg(n=('age', 'size'), mean_age=('age', 'mean'))
            ratio = grouped['n'] / grouped['n'].sum()
            selected = frame.query('age > @threshold and los_days < 30')
            if (count := len(selected)) > 0:
                print(f"{{count}} rows above {{threshold:.2f}} ({{ratio.max():.1%}})")
            values = [math.sqrt(v) for v in frame['age'] if v > 0]
            buffer = io.BytesIO()
            fig, ax = plt.subplots()
            ax.hist(values, bins=20)
            ax.set_title(f'Cohort {{len(values)}} patients')
            fig.savefig(buffer, format='png')
            plt.close(fig)
            return json.dumps({{'mean': statistics.mean(values or [0]), 'png': len(buffer.getvalue())}})


        """;

    public static string Build(int minimumLines)
    {
        var builder = new StringBuilder(Header.ReplaceLineEndings("\n"));
        var block = Block.ReplaceLineEndings("\n");
        for (var i = 0; CountLines(builder) < minimumLines; i++)
        {
            builder.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, block, i));
        }

        return builder.ToString();
    }

    private static int CountLines(StringBuilder builder)
    {
        var count = 0;
        foreach (var chunk in builder.GetChunks())
        {
            count += chunk.Span.Count('\n');
        }

        return count;
    }
}
