"""The spoken CAPTCHA (语音验证码): the text challenge read out as a WAV file.

STANDARDS §5 asks for a non-visual alternative to the image CAPTCHA. The arithmetic
question (三加五等于几？) is already plain text a screen reader reads; this module also
speaks it, for users without a screen reader, by joining short recorded clips (one per
digit word, 加, 等于几 and the lead-in 请计算) that ship in ``audio/`` — no speech engine is
needed on the server. The clips were made once with espeak-ng (voice ``cmn``) and sox
(16 kHz, mono, 16 bit); see docs/interaction.md to remake them.
"""

from __future__ import annotations

import io
import wave
from functools import lru_cache
from pathlib import Path

from govportal.core.errors import NotFound

CLIPS = Path(__file__).parent / "audio"
WORDS = {
    "零": "ling",
    "一": "yi",
    "二": "er",
    "三": "san",
    "四": "si",
    "五": "wu",
    "六": "liu",
    "七": "qi",
    "八": "ba",
    "九": "jiu",
    "十": "shi",
    "加": "jia",
}
PAUSE_SECONDS = 0.3


@lru_cache(maxsize=32)
def _clip(name: str) -> tuple[tuple, bytes]:
    with wave.open(str(CLIPS / f"{name}.wav"), "rb") as w:
        return w.getparams(), w.readframes(w.getnframes())


def _names(question: str) -> list[str]:
    """``三加五等于几？`` → the clips to play, or NotFound for any other text."""
    body = question.removesuffix("等于几？")
    if body == question or not body or any(ch not in WORDS for ch in body):
        raise NotFound("语音验证码不存在或已过期")
    return ["qingjisuan", *(WORDS[ch] for ch in body), "dengyuji"]


def question_wav(question: str, *, repeat: int = 2) -> bytes:
    """The question spoken ``repeat`` times, with pauses, as one WAV file."""
    names = _names(question)
    params, _ = _clip(names[0])
    silence = b"\x00" * (int(params.framerate * PAUSE_SECONDS) * params.sampwidth * params.nchannels)
    frames = bytearray()
    for _round in range(repeat):
        for name in names:
            frames += _clip(name)[1] + silence
        frames += silence * 2
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setparams(params)
        w.writeframes(bytes(frames))
    return out.getvalue()
