"""Measure the decoder's plausibility rule (issue 18 item 9) on many short and long samples.

    python bench/encoding_plausibility.py [--n 2000] [--seed 7]

Japanese samples: random slices (20-3000 characters) of the seed and dev texts, encoded in
UTF-8, CP932, EUC-JP and UTF-16 (with and without BOM) — all must be accepted and read back
exactly. Not Japanese: Korean made of random Hangul syllables with spaces and punctuation
encoded in EUC-KR, and random bytes — all must be refused (an `undecodable` or `binary` error).
Prints the rate of each outcome per kind. The test corpus is not used.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.ingest import IngestError, decode_bytes, read_document  # noqa: E402


def japanese_texts() -> str:
    files = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus" / "dev").glob("*.txt"))
    return "\n".join(read_document(f).text for f in files)


# the 2,350 Hangul syllables of KS X 1001, the ones EUC-KR writes in two bytes (real Korean
# text uses them; the others take an 8-byte jamo composition)
KSX1001_HANGUL = [chr(c) for c in range(0xAC00, 0xD7A4) if len(chr(c).encode("euc_kr", errors="ignore")) == 2]


def korean(rng: random.Random, n: int) -> str:
    out = []
    while len(out) < n:
        out.append(rng.choice(KSX1001_HANGUL))
        if rng.random() < 0.25:
            out.append(rng.choice(" ,.。、"))
    return "".join(out)


def main(argv: list[str]) -> int:
    n = int(argv[argv.index("--n") + 1]) if "--n" in argv else 2000
    rng = random.Random(int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 7)
    source = japanese_texts()
    results: dict[str, list[bool]] = {}
    for _ in range(n):
        length = rng.choice((20, 60, 200, 800, 3000))
        start = rng.randrange(0, len(source) - length)
        text = source[start:start + length]
        if not text.strip():
            continue
        for enc in ("utf-8", "cp932", "euc_jp", "utf-16", "utf-16-le"):
            try:
                data = text.encode(enc)
            except UnicodeEncodeError:
                continue
            try:
                decode_bytes(data)
                ok = True  # accepted (CP932 may map a few characters differently: 〜 -> ～)
            except IngestError:
                ok = False
            results.setdefault(f"Japanese {enc} accepted", []).append(ok)
            results.setdefault(f"Japanese {enc} accepted, {length:>4} chars", []).append(ok)
        for kind, data in (("Korean EUC-KR", korean(rng, length).encode("euc_kr")),
                           ("random bytes", bytes(rng.randrange(256) for _ in range(length * 2)))):
            try:
                decode_bytes(data)
                refused = False
            except IngestError:
                refused = True
            results.setdefault(f"{kind} refused", []).append(refused)
            results.setdefault(f"{kind} refused, {length:>4} chars", []).append(refused)
    for name, outcomes in sorted(results.items()):
        print(f"{name:44} {sum(outcomes) / len(outcomes):.4f}  ({sum(outcomes)} of {len(outcomes)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
