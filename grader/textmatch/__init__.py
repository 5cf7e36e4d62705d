"""Words and the cue language that text rubrics are written in.

Shared by the bank, which checks a rubric's cues when it loads a question, and by the text
kind, which reads answers with them; it imports neither, so neither imports the other.

- `words`: fold, tokenise, stem, and read misspellings as the rubric words meant;
- `cues`: the small language in which a rubric says what shows a concept.
"""
