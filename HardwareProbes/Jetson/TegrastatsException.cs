namespace HardwareProbes.Jetson;

/// <summary>The tegrastats child exited or stalled; the stream restarts it.</summary>
public sealed class TegrastatsException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="TegrastatsException"/> class.</summary>
    public TegrastatsException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TegrastatsException"/> class with a message.</summary>
    /// <param name="message">What happened.</param>
    public TegrastatsException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TegrastatsException"/> class with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public TegrastatsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
