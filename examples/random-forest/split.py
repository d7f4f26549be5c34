"""Split scikit-learn's handwritten digits into train and test sets.

The digits (1797 images of 8x8 pixels, classes 0-9) ship inside
scikit-learn, so nothing is downloaded.  The split is stratified by class
and fixed by --seed.
"""

import argparse
import logging

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

log = logging.getLogger("split")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=0,
                        help="seed of the split (default 0)")
    parser.add_argument("--test-fraction", type=float, default=0.25,
                        help="fraction of the images kept for testing "
                             "(default 0.25)")
    parser.add_argument("--train", default="train.npz",
                        help="output file of the training set")
    parser.add_argument("--test", default="test.npz",
                        help="output file of the test set")
    args = parser.parse_args()
    if not 0.0 < args.test_fraction < 1.0:
        parser.error(f"invalid --test-fraction {args.test_fraction}; "
                     "use a number between 0 and 1")

    x, y = load_digits(return_X_y=True)
    x_train, x_test, y_train, y_test = train_test_split(
        x, y, test_size=args.test_fraction, random_state=args.seed,
        stratify=y)
    np.savez_compressed(args.train, x=x_train, y=y_train)
    np.savez_compressed(args.test, x=x_test, y=y_test)
    log.info("Wrote %d training and %d test images.", len(y_train),
             len(y_test))


if __name__ == "__main__":
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s",
                        level=logging.INFO)
    main()
