"""Score a fitted classifier on a test set.

Prints the accuracy and the line "F1: VALUE", the F1 score averaged over
the classes with equal weight (macro F1).
"""

import argparse
import pickle

import numpy as np
from sklearn.metrics import accuracy_score, f1_score


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", required=True,
                        help="fitted model, as train.py saves it")
    parser.add_argument("--test", required=True,
                        help="test set (.npz with arrays x and y)")
    args = parser.parse_args()

    data = np.load(args.test)
    # The model file is trusted: pickle runs code while it loads.
    with open(args.model, "rb") as f:
        model = pickle.load(f)
    predicted = model.predict(data["x"])
    print(f"Test images: {len(data['y'])}")
    print(f"Accuracy: {accuracy_score(data['y'], predicted):.4f}")
    print(f"F1: {f1_score(data['y'], predicted, average='macro'):.4f}")


if __name__ == "__main__":
    main()
