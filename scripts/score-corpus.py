#!/usr/bin/env python3
"""Scores huashu's classifier on a labelled corpus (JSON Lines with text, intent, emotion).

Interim measuring tool until `huashu test --corpus` exists: pipes every text through
`huashu classify --format json` and prints accuracy, per-intent precision/recall/F1 with the
intents each is confused with, macro-F1 (over all labels present, and over the labels the
rules can produce plus `other`), and emotion precision/recall.

Usage: scripts/score-corpus.py [--huashu PATH] [--rules DIR] CORPUS.jsonl
"""
import argparse
import collections
import json
import subprocess
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--huashu", default=".build/release/huashu")
    parser.add_argument("--rules", default=None)
    args = parser.parse_args()

    rows = [json.loads(line) for line in open(args.corpus, encoding="utf-8") if line.strip()]
    texts = "\n".join(row["text"].replace("\n", " ") for row in rows) + "\n"
    command = [args.huashu, "classify", "--format", "json"]
    if args.rules:
        command += ["--rules", args.rules]
    output = subprocess.run(command, input=texts.encode(), capture_output=True, check=True)
    predictions = [json.loads(line) for line in output.stdout.decode().splitlines()]
    if len(predictions) != len(rows):
        print(f"expected {len(rows)} answers, got {len(predictions)}", file=sys.stderr)
        return 1

    gold = [row["intent"] for row in rows]
    predicted = [p["intent"] for p in predictions]
    labels = sorted(set(gold) | set(predicted))
    confusion = collections.Counter(zip(gold, predicted))

    def f1_table(label_set):
        table = {}
        for label in label_set:
            tp = confusion[(label, label)]
            fp = sum(confusion[(g, label)] for g in labels if g != label)
            fn = sum(confusion[(label, p)] for p in labels if p != label)
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            table[label] = (tp + fn, precision, recall, f1)
        return table

    table = f1_table(labels)
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(rows)
    print(f"messages {len(rows)}  accuracy {accuracy:.3f}")
    print(f"{'intent':<16}{'support':>8}{'prec':>7}{'recall':>8}{'f1':>7}  confused with")
    for label in labels:
        support, precision, recall, f1 = table[label]
        confused = collections.Counter(
            {p: n for (g, p), n in confusion.items() if g == label and p != label})
        top = ", ".join(f"{p} {n}" for p, n in confused.most_common(3))
        print(f"{label:<16}{support:>8}{precision:>7.2f}{recall:>8.2f}{f1:>7.2f}  {top}")
    present = [label for label in labels if table[label][0] > 0]
    covered = sorted(set(predicted) | {"other"})
    covered_present = [label for label in covered if table[label][0] > 0]
    macro_all = sum(table[label][3] for label in present) / len(present)
    macro_covered = sum(table[label][3] for label in covered_present) / len(covered_present)
    print(f"macro-F1 over the {len(present)} labels present: {macro_all:.3f}")
    print(f"macro-F1 over the {len(covered_present)} labels the rules produce (+ other): "
          f"{macro_covered:.3f}")

    gold_emotion = [row["emotion"] for row in rows]
    predicted_emotion = [p["emotion"] for p in predictions]
    for level in ("upset", "angry"):
        tp = sum(g == level and p == level for g, p in zip(gold_emotion, predicted_emotion))
        fp = sum(g != level and p == level for g, p in zip(gold_emotion, predicted_emotion))
        fn = sum(g == level and p != level for g, p in zip(gold_emotion, predicted_emotion))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        print(f"emotion {level:<6} support {tp + fn:>3}  precision {precision:.2f}  "
              f"recall {recall:.2f}")
    # "not calm" as one class: what an agent cares about first.
    tp = sum(g != "calm" and p != "calm" for g, p in zip(gold_emotion, predicted_emotion))
    fp = sum(g == "calm" and p != "calm" for g, p in zip(gold_emotion, predicted_emotion))
    fn = sum(g != "calm" and p == "calm" for g, p in zip(gold_emotion, predicted_emotion))
    print(f"emotion not-calm support {tp + fn:>3}  precision {tp / max(1, tp + fp):.2f}  "
          f"recall {tp / max(1, tp + fn):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
