import sys


def words_of(line):
    word = ""
    for ch in line.lower():
        if ch.isascii() and ch.isalnum():
            word += ch
        elif word:
            yield word
            word = ""
    if word:
        yield word


def main():
    counts = {}
    for line in sys.stdin:
        for w in words_of(line):
            counts[w] = counts.get(w, 0) + 1
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    sys.stdout.write("".join(f"{w} {counts[w]}\n" for w in ranked))


if __name__ == "__main__":
    main()
