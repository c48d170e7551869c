package io.creditscoring.pipeline;

/**
 * One regression tree in array form; node 0 is the root. An internal node sends a row to {@code left[n]} when
 * {@code x[featureIndex[n]] < threshold[n]}, to {@code right[n]} otherwise, and to the left child when the value
 * is missing (NaN) and {@code defaultLeft[n]} holds, else to the right one. A leaf has {@code left[n] == -1} and
 * contributes {@code leafValue[n]} to the margin. {@code cover[n]} is the training weight (hessian sum) that
 * reached the node, used by TreeSHAP.
 */
public record Tree(
        int[] left,
        int[] right,
        int[] featureIndex,
        double[] threshold,
        boolean[] defaultLeft,
        double[] leafValue,
        double[] cover) {

    public int nodeCount() {
        return left.length;
    }

    public boolean isLeaf(int node) {
        return left[node] == -1;
    }
}
