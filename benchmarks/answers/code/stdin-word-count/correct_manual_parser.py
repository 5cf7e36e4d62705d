import string
import sys

ALNUM = set(string.ascii_lowercase + string.digits)


def count_words(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    word = []
    for ch in text.lower() + " ":
        if ch in ALNUM:
            word.append(ch)
        elif word:
            w = "".join(word)
            counts[w] = counts.get(w, 0) + 1
            word = []
    return counts


def main() -> None:
    counts = count_words(sys.stdin.read())
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    sys.stdout.write("".join(f"{w} {counts[w]}\n" for w in ranked))


if __name__ == "__main__":
    main()
