package io.creditscoring.spark;

import java.io.Serializable;
import java.util.Random;

/**
 * A feed-forward network with the local engine's shape: dense hidden layers with one activation, then one sigmoid
 * output unit on log loss. All parameters sit in one flat array (layer by layer: the weights, output by input, then
 * the biases), so that Spark ships, sums and averages them as one {@code double[]}.
 */
final class Network implements Serializable {

    private final int[] sizes;
    private final String activation;

    /** @param sizes the inputs, each hidden layer's units, then 1 (the output) */
    Network(int[] sizes, String activation) {
        this.sizes = sizes.clone();
        this.activation = activation;
    }

    static Network of(int inputs, NeuralNetworkSettings settings) {
        int[] sizes = new int[settings.hiddenLayers().size() + 2];
        sizes[0] = inputs;
        for (int l = 0; l < settings.hiddenLayers().size(); l++) {
            sizes[l + 1] = settings.hiddenLayers().get(l);
        }
        sizes[sizes.length - 1] = 1;
        return new Network(sizes, settings.activation());
    }

    int layers() {
        return sizes.length - 1;
    }

    int inputs(int layer) {
        return sizes[layer];
    }

    int outputs(int layer) {
        return sizes[layer + 1];
    }

    String activation() {
        return activation;
    }

    /** Where layer {@code l}'s weights start in the flat parameters; its biases follow them. */
    int offset(int layer) {
        int o = 0;
        for (int l = 0; l < layer; l++) {
            o += sizes[l + 1] * (sizes[l] + 1);
        }
        return o;
    }

    int parameterCount() {
        return offset(layers());
    }

    /** Which flat parameters are weights (decayed), not biases. */
    boolean[] weightMask() {
        boolean[] mask = new boolean[parameterCount()];
        for (int l = 0; l < layers(); l++) {
            int from = offset(l);
            for (int i = 0; i < outputs(l) * inputs(l); i++) {
                mask[from + i] = true;
            }
        }
        return mask;
    }

    /** Glorot-uniform weights from the seed, zero biases. */
    double[] initialParameters(long seed) {
        Random random = new Random(seed);
        double[] p = new double[parameterCount()];
        for (int l = 0; l < layers(); l++) {
            double r = Math.sqrt(6.0 / (inputs(l) + outputs(l)));
            int from = offset(l);
            for (int i = 0; i < outputs(l) * inputs(l); i++) {
                p[from + i] = (2 * random.nextDouble() - 1) * r;
            }
        }
        return p;
    }

    /** The activations of every layer for one row: {@code a[0]} is the row, the last the output's margin. */
    double[][] forward(double[] p, double[] x) {
        double[][] a = new double[sizes.length][];
        a[0] = x;
        for (int l = 0; l < layers(); l++) {
            int in = inputs(l);
            int out = outputs(l);
            int w = offset(l);
            int b = w + out * in;
            double[] next = new double[out];
            boolean last = l == layers() - 1;
            for (int i = 0; i < out; i++) {
                double z = p[b + i];
                int row = w + i * in;
                for (int j = 0; j < in; j++) {
                    z += p[row + j] * a[l][j];
                }
                next[i] = last ? z : activate(z);
            }
            a[l + 1] = next;
        }
        return a;
    }

    double margin(double[] p, double[] x) {
        return forward(p, x)[sizes.length - 1][0];
    }

    double probability(double[] p, double[] x) {
        return sigmoid(margin(p, x));
    }

    /**
     * Adds the gradient of one row's log loss ({@code -y log q - (1-y) log(1-q)}, {@code q} the sigmoid of the
     * margin) to {@code gradient}, by back-propagation; returns the row's loss.
     */
    double addGradient(double[] p, double[] x, double y, double[] gradient) {
        double[][] a = forward(p, x);
        double margin = a[sizes.length - 1][0];
        // d loss / d margin of a sigmoid output on log loss
        double[] delta = {sigmoid(margin) - y};
        for (int l = layers() - 1; l >= 0; l--) {
            int in = inputs(l);
            int out = outputs(l);
            int w = offset(l);
            int b = w + out * in;
            double[] below = l > 0 ? new double[in] : null;
            for (int i = 0; i < out; i++) {
                int row = w + i * in;
                gradient[b + i] += delta[i];
                for (int j = 0; j < in; j++) {
                    gradient[row + j] += delta[i] * a[l][j];
                    if (below != null) {
                        below[j] += delta[i] * p[row + j];
                    }
                }
            }
            if (below != null) {
                for (int j = 0; j < in; j++) {
                    below[j] *= derivative(a[l][j]);
                }
            }
            delta = below;
        }
        return logLoss(margin, y);
    }

    /** {@code log(1 + exp(m)) - y m}, computed without overflow. */
    static double logLoss(double margin, double y) {
        double softplus = margin > 0 ? margin + Math.log1p(Math.exp(-margin)) : Math.log1p(Math.exp(margin));
        return softplus - y * margin;
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    private double activate(double z) {
        return switch (activation) {
            case "tanh" -> Math.tanh(z);
            case "sigmoid" -> sigmoid(z);
            default -> Math.max(0.0, z);
        };
    }

    /** The activation's derivative, from its output {@code a}. */
    private double derivative(double a) {
        return switch (activation) {
            case "tanh" -> 1 - a * a;
            case "sigmoid" -> a * (1 - a);
            default -> a > 0 ? 1.0 : 0.0;
        };
    }
}
