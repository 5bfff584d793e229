using HardwareProbes.Machine;
using HardwareProbes.IO;

namespace HardwareProbes.RunningProcesses;

/// <summary>The fields of <c>/proc/&lt;pid&gt;/stat</c> the process list uses.</summary>
/// <param name="Name">The command name (<c>comm</c>), at most 15 characters, as the kernel keeps it.</param>
/// <param name="State">The state letter: R running, S sleeping, D uninterruptible, Z zombie, T stopped, I idle kernel thread, …</param>
/// <param name="ParentPid">The parent's pid (0 for the kernel's own threads and init).</param>
/// <param name="CpuTicks">User plus system time, in clock ticks (USER_HZ).</param>
/// <param name="Threads">The number of threads.</param>
/// <param name="StartTicks">When the process started, in clock ticks after boot.</param>
internal readonly record struct ProcessStat(string Name, char State, int ParentPid, long CpuTicks, int Threads, long StartTicks)
{
    /// <summary>
    /// Parses the first line of <c>/proc/&lt;pid&gt;/stat</c>. The name sits in parentheses and may itself hold spaces and
    /// parentheses (<c>(a b ) ( c d) )</c>), so it runs from the first '(' to the last ')' and the numbered fields
    /// are counted after that.
    /// </summary>
    /// <exception cref="FormatException">The parentheses are missing, or a needed field is missing or not a number.</exception>
    public static ProcessStat Parse(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> line = LoadAverage.FirstLine(text);
        int open = line.IndexOf('(');
        int close = line.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            throw TextLines.Malformed(1, line, "no (command name)");
        }

        string name = line[(open + 1)..close].ToString();
        var fields = TextLines.Fields(line[(close + 1)..]);

        // Field numbers as proc(5) counts them: 3 state, 4 ppid, 14 utime, 15 stime, 20 num_threads, 22 starttime.
        char state = '?';
        int parent = 0, threads = 0;
        long user = 0, system = 0, start = 0;
        int number = 2;
        while (number < 22 && fields.MoveNext())
        {
            number++;
            ReadOnlySpan<char> field = fields.Current;
            switch (number)
            {
                case 3:
                    state = field.Length == 1 ? field[0] : throw TextLines.Malformed(1, line, $"state '{field}' is not one letter");
                    break;
                case 4:
                    parent = checked((int)TextLines.ParseNonNegativeInt64(field, 1, line));
                    break;
                case 14:
                    user = TextLines.ParseNonNegativeInt64(field, 1, line);
                    break;
                case 15:
                    system = TextLines.ParseNonNegativeInt64(field, 1, line);
                    break;
                case 20:
                    threads = checked((int)TextLines.ParseNonNegativeInt64(field, 1, line));
                    break;
                case 22:
                    start = TextLines.ParseNonNegativeInt64(field, 1, line);
                    break;
            }
        }

        if (number < 22)
        {
            throw TextLines.Malformed(1, line, $"{number} fields, starttime (field 22) is missing");
        }

        long ticks = user <= long.MaxValue - system ? user + system : throw TextLines.Malformed(1, line, "utime + stime overflows");
        return new ProcessStat(name, state, parent, ticks, threads, start);
    }
}
