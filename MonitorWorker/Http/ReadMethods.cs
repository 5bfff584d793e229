namespace MonitorWorker.Http;

/// <summary>
/// The methods every read endpoint answers: GET, and HEAD for uptime checkers that ask for the status line and headers
/// only (Kestrel sends a HEAD answer's headers and drops its body).
/// </summary>
internal static class ReadMethods
{
    public static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];
}
