from collections import defaultdict
import sys


def words(text):
    word = ""
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            word += ch
        elif word:
            yield word
            word = ""
    if word:
        yield word


def main():
    counts = defaultdict(int)
    for line in sys.stdin:
        for w in words(line):
            counts[w] += 1
    out = sorted(counts, key=lambda w: (-counts[w], w))
    sys.stdout.write("".join(f"{w} {counts[w]}\n" for w in out))


if __name__ == "__main__":
    main()
