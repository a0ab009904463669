namespace Lector.Grains.Speech;

/// <summary>
/// Finds, in PCM samples read piece by piece, where the sound starts and ends and the runs of digital silence (zero
/// samples) between sounds at least <paramref name="minFrames"/> frames long. Pieces may end anywhere between samples,
/// so audio is scanned as it is read and never held whole.
/// </summary>
internal sealed class Silences(int channels, int minFrames)
{
    private readonly List<(long Start, long End)> _pauses = [];

    /// <summary>The index of the next sample to come.</summary>
    private long _position;

    /// <summary>The first non-zero sample, or -1 before any.</summary>
    private long _firstSound = -1;

    /// <summary>Where the current run of zeros started, or -1 while sound plays.</summary>
    private long _silenceStart = -1;

    /// <summary>Just past the last non-zero sample seen.</summary>
    private long _soundEnd;

    /// <summary>The pauses, in frames (the end exclusive), in order.</summary>
    public IReadOnlyList<(long Start, long End)> Pauses => _pauses;

    /// <summary>The frame of the first sound (0 when there is none).</summary>
    public long SoundStart => Math.Max(0, _firstSound) / channels;

    /// <summary>The frame just past the last sound (equal to <see cref="SoundStart"/> when there is none).</summary>
    public long SoundEnd => _firstSound < 0 ? SoundStart : ((_soundEnd - 1) / channels) + 1;

    public void Add(ReadOnlySpan<short> samples)
    {
        var i = 0;
        while (i < samples.Length)
        {
            if (_firstSound < 0 || _silenceStart >= 0)
            {
                var sound = samples[i..].IndexOfAnyExcept((short)0);
                if (sound < 0)
                {
                    break;
                }

                i += sound;
                var at = _position + i;
                if (_firstSound < 0)
                {
                    _firstSound = at;
                }
                else if (at - _silenceStart >= (long)minFrames * channels)
                {
                    _pauses.Add((_silenceStart / channels, at / channels));
                }

                _silenceStart = -1;
            }
            else
            {
                var silence = samples[i..].IndexOf((short)0);
                if (silence < 0)
                {
                    _soundEnd = _position + samples.Length;
                    break;
                }

                i += silence;
                _soundEnd = _position + i;
                _silenceStart = _soundEnd;
            }
        }

        _position += samples.Length;
    }
}
