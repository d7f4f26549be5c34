"""The benchmark functions of bench/tpe, shared by its Python scripts.

Each entry of FUNCTIONS gives the bounds of every dimension and the
function itself.  The definitions follow the usual test-function
literature: Branin (global minimum 0.397887), Hartmann6 (-3.32237) and
Rosenbrock in 5 dimensions on [-5, 10]^5 (0 at x = 1).  bench/tpe/testfn.c
evaluates the same functions for saber-opt's workflow runs.
"""
import math

HARTMANN_ALPHA = (1.0, 1.2, 3.0, 3.2)
HARTMANN_A = (
    (10, 3, 17, 3.5, 1.7, 8),
    (0.05, 10, 17, 0.1, 8, 14),
    (3, 3.5, 1.7, 10, 17, 8),
    (17, 8, 0.05, 10, 0.1, 14),
)
HARTMANN_P = (
    (0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886),
    (0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991),
    (0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650),
    (0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381),
)


def branin(x):
    x1, x2 = x
    b = 5.1 / (4 * math.pi ** 2)
    c = 5 / math.pi
    t = 1 / (8 * math.pi)
    return ((x2 - b * x1 ** 2 + c * x1 - 6) ** 2
            + 10 * (1 - t) * math.cos(x1) + 10)


def hartmann6(x):
    total = 0.0
    for alpha, a, p in zip(HARTMANN_ALPHA, HARTMANN_A, HARTMANN_P):
        total += alpha * math.exp(-sum(aj * (xj - pj) ** 2
                                       for aj, xj, pj in zip(a, x, p)))
    return -total


def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2
               for i in range(len(x) - 1))


FUNCTIONS = {
    'branin': ([(-5.0, 10.0), (0.0, 15.0)], branin),
    'hartmann6': ([(0.0, 1.0)] * 6, hartmann6),
    'rosenbrock': ([(-5.0, 10.0)] * 5, rosenbrock),
}
