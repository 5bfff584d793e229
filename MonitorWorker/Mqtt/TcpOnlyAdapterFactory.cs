using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Diagnostics.PacketInspection;
using MQTTnet.Formatter;
using MQTTnet.Implementations;

namespace MonitorWorker.Mqtt;

/// <summary>
/// The connection MQTTnet's client speaks over: TCP (with TLS when asked), never a WebSocket. MQTTnet's own factory
/// picks TCP or WebSocket from the options at run time, which keeps its WebSocket channel, and the runtime's HTTP
/// client under it, in a Native AOT binary; naming the TCP channel here lets the trimmer leave them out.
/// </summary>
internal sealed class TcpOnlyAdapterFactory : IMqttClientAdapterFactory
{
    public IMqttChannelAdapter CreateClientAdapter(MqttClientOptions options, MqttPacketInspector packetInspector, IMqttNetLogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var formatter = new MqttPacketFormatterAdapter(options.ProtocolVersion, new MqttBufferWriter(options.WriterBufferSize, options.WriterBufferSizeMax));
        return new MqttChannelAdapter(new MqttTcpChannel(options), formatter, logger)
        {
            AllowPacketFragmentation = options.AllowPacketFragmentation,
            PacketInspector = packetInspector,
        };
    }
}
