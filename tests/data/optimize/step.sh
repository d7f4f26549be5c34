# A workflow step for the optimize tests: prints a loss line computed from
# x and y, or misbehaves as MODE says.  Usage: sh step.sh MODE X Y STATE
mode=$1
x=$2
y=$3
state=$4

loss() {
    awk -v x="$x" -v y="$y" 'BEGIN { printf "loss: %.10g\n", (x - 3) * (x - 3) + y }'
}

case $mode in
prepare)
    echo "prepared x=$x"
    ;;
score)
    echo "epoch 1 loss: 99"
    loss
    ;;
nan)
    echo "loss: nan"
    ;;
none)
    echo "nothing to see"
    ;;
fail)
    echo "this step always fails" >&2
    exit 3
    ;;
fail-x2)
    if [ "$x" = 2 ]; then
        echo "x=2 makes this step fail" >&2
        exit 3
    fi
    loss
    ;;
flaky)
    marker="$state/flaky-$x-$y"
    if [ ! -e "$marker" ]; then
        : > "$marker"
        echo "the first run of x=$x y=$y fails" >&2
        exit 4
    fi
    loss
    ;;
slow)
    echo "$x" >> "$state/started"
    sleep 0.4
    loss
    ;;
*)
    echo "unknown mode $mode" >&2
    exit 2
    ;;
esac
