using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using Docker.DotNet;

namespace OmcpSandbox.Sandboxing.Runner;

/// <summary>
/// Frames over a container's attached stdin and stdout. A frame is a 4-byte big-endian total length, a 4-byte
/// big-endian header length, a JSON header and a binary payload (the captured output of a result).
/// </summary>
internal sealed class RunnerChannel : IDisposable
{
    private const int PrefixLength = 8;

    private readonly MultiplexedStream _stream;
    private readonly int _maxFrameLength;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public RunnerChannel(MultiplexedStream stream, int maxFrameLength)
    {
        _stream = stream;
        _maxFrameLength = maxFrameLength;
    }

    public async Task SendAsync(RunnerCommand command, CancellationToken cancellationToken)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(command, RunnerJsonContext.Default.RunnerCommand);
        var frame = ArrayPool<byte>.Shared.Rent(PrefixLength + header.Length);
        try
        {
            BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)header.Length);
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)header.Length);
            header.CopyTo(frame, PrefixLength);
            await _stream.WriteAsync(frame, 0, PrefixLength + header.Length, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    /// <summary>Reads the next frame; the payload stays valid until the next call.</summary>
    /// <exception cref="EndOfStreamException">The container closed its stdout.</exception>
    /// <exception cref="RunnerProtocolException">The frame is malformed or longer than allowed.</exception>
    public async Task<(RunnerEvent Event, ReadOnlyMemory<byte> Payload)> ReceiveAsync(CancellationToken cancellationToken)
    {
        await FillAsync(PrefixLength, cancellationToken).ConfigureAwait(false);
        var total = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_start));
        var headerLength = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_start + 4));
        if (total > _maxFrameLength || headerLength > total)
        {
            throw new RunnerProtocolException($"The runner sent a frame of {total} bytes; at most {_maxFrameLength} are accepted.");
        }

        _start += PrefixLength;
        await FillAsync((int)total, cancellationToken).ConfigureAwait(false);
        var frame = _buffer.AsMemory(_start, (int)total);
        _start += (int)total;
        RunnerEvent? message;
        try
        {
            message = JsonSerializer.Deserialize(frame.Span[..(int)headerLength], RunnerJsonContext.Default.RunnerEvent);
        }
        catch (JsonException exception)
        {
            throw new RunnerProtocolException("The runner sent a header that is not valid JSON.", exception);
        }

        return (message ?? throw new RunnerProtocolException("The runner sent an empty header."), frame[(int)headerLength..]);
    }

    public void Dispose() => _stream.Dispose();

    private async Task FillAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start >= count)
        {
            return;
        }

        if (_buffer.Length - _start < count)
        {
            var target = _buffer.Length >= count ? _buffer : new byte[count + PrefixLength];
            Buffer.BlockCopy(_buffer, _start, target, 0, _end - _start);
            _end -= _start;
            _start = 0;
            _buffer = target;
        }

        while (_end - _start < count)
        {
            var read = await _stream.ReadOutputAsync(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false);
            if (read.EOF)
            {
                throw new EndOfStreamException("The sandbox container closed its output.");
            }

            // The runner writes frames only to stdout; the container's stderr carries nothing the host needs.
            if (read.Target == MultiplexedStream.TargetStream.StandardOut)
            {
                _end += read.Count;
            }
        }
    }
}

/// <summary>The runner broke the frame protocol, so the container can no longer be trusted.</summary>
internal sealed class RunnerProtocolException(string message, Exception? innerException = null) : Exception(message, innerException);
