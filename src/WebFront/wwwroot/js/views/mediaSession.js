// The player on the lock screen, in the system's media controls and on headset buttons (the Media Session API):
// what is playing, and the actions those controls send. Browsers without it just skip this.

const session = 'mediaSession' in navigator ? navigator.mediaSession : null;

export function bindMediaSession(player, signal) {
  if (!session) return;
  const handlers = {
    play: () => void player.play(),
    pause: () => player.pause(),
    seekbackward: (details) => player.skip(-(details.seekOffset || 15)),
    seekforward: (details) => player.skip(details.seekOffset || 30),
    previoustrack: () => player.previousPage(),
    nexttrack: () => player.nextPage(),
    seekto: (details) => player.seekTo(details.seekTime * 1000),
  };
  for (const [action, handler] of Object.entries(handlers)) setHandler(action, handler);
  signal.addEventListener('abort', () => {
    for (const action of Object.keys(handlers)) setHandler(action, null);
    session.metadata = null;
  });
}

/** What the system shows: the document as the title, where in it, and the voice reading it. */
export function describeMedia({ title, where, voice }) {
  if (!session || typeof MediaMetadata === 'undefined') return;
  session.metadata = new MediaMetadata({ title, artist: voice, album: where });
}

export function mediaPosition(audio) {
  if (!session?.setPositionState || !Number.isFinite(audio.duration) || audio.duration <= 0) return;
  session.setPositionState({ duration: audio.duration, playbackRate: audio.playbackRate || 1, position: Math.min(audio.currentTime, audio.duration) });
}

export function mediaPlaying(playing) {
  if (session) session.playbackState = playing ? 'playing' : 'paused';
}

function setHandler(action, handler) {
  try {
    session.setActionHandler(action, handler);
  } catch {
    // An action this browser does not know; the others still work.
  }
}
