"""Fit a random forest to a training set and report its out-of-bag error.

The last log line, "INFO train: Training complete. Average OOB: ERROR",
gives 1 - oob_score_, the error on the training images that each tree did
not see.  The fitted model is saved with pickle.
"""

import argparse
import logging
import pickle
import re

import numpy as np
from sklearn.ensemble import RandomForestClassifier

log = logging.getLogger("train")


def max_features_value(text):
    """Convert --max-features text to what RandomForestClassifier takes.

    "sqrt" and "log2" stay text, "None" means every feature, an integer is
    a count of features and another number a fraction of them.
    """
    if text in ("sqrt", "log2"):
        return text
    if text == "None":
        return None
    if re.fullmatch(r"\s*[+-]?\d+\s*", text):
        count = int(text)
        if count >= 1:
            return count
    else:
        try:
            fraction = float(text)
        except ValueError:
            fraction = float("nan")
        if 0.0 < fraction <= 1.0:
            return fraction
    raise argparse.ArgumentTypeError(
        f"invalid --max-features '{text}'; use sqrt, log2, None, a count "
        "of at least 1 or a fraction in (0, 1]")


def max_depth_value(text):
    """Convert --max-depth text: a depth of at least 1, or None for none."""
    if text == "None":
        return None
    try:
        depth = int(text)
    except ValueError:
        depth = 0
    if depth < 1:
        raise argparse.ArgumentTypeError(
            f"invalid --max-depth '{text}'; use an integer of at least 1 "
            "or None")
    return depth


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--train", required=True,
                        help="training set (.npz with arrays x and y)")
    parser.add_argument("--n-estimators", type=int, default=100,
                        help="number of trees (default 100)")
    parser.add_argument("--max-depth", type=max_depth_value, default=None,
                        help="largest depth of a tree, or None (default)")
    parser.add_argument("--max-features", type=max_features_value,
                        default="sqrt",
                        help="features tried at each split: sqrt "
                             "(default), log2, None, a count or a fraction")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed of the forest (default 0)")
    parser.add_argument("--model", default="model.pkl",
                        help="output file of the fitted model")
    args = parser.parse_args()
    if args.n_estimators < 1:
        parser.error(f"invalid --n-estimators {args.n_estimators}; "
                     "use at least 1")

    data = np.load(args.train)
    forest = RandomForestClassifier(
        n_estimators=args.n_estimators, max_depth=args.max_depth,
        max_features=args.max_features, oob_score=True,
        random_state=args.seed)
    log.info("Training %d trees (max_depth=%s, max_features=%s) on %d "
             "images.", args.n_estimators, args.max_depth,
             args.max_features, len(data["y"]))
    forest.fit(data["x"], data["y"])
    with open(args.model, "wb") as f:
        pickle.dump(forest, f)
    log.info("Training complete. Average OOB: %.4f", 1.0 - forest.oob_score_)


if __name__ == "__main__":
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s",
                        level=logging.INFO)
    main()
