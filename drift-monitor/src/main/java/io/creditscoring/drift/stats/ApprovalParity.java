package io.creditscoring.drift.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Approval rate per group of a protected attribute and the adverse impact ratio: each group's approval rate
 * divided by the highest group's rate. The four-fifths rule flags a ratio below 0.8; groups smaller than a minimum
 * size are reported but never flagged, since their rates are too noisy to act on.
 *
 * @param attribute the protected attribute
 * @param groups one row per group, in label order
 */
public record ApprovalParity(String attribute, List<Group> groups) {

    /** The four-fifths rule's threshold. */
    public static final double FOUR_FIFTHS = 0.8;

    public ApprovalParity {
        groups = List.copyOf(groups);
    }

    /**
     * @param label the group
     * @param rows applications in the group
     * @param approved approved among them
     * @param approvalRate approved / rows
     * @param adverseImpactRatio approval rate / highest approval rate
     * @param flagged whether the ratio is below the threshold for a group of sufficient size
     */
    public record Group(
            String label, int rows, int approved, double approvalRate, double adverseImpactRatio, boolean flagged) {}

    public boolean anyFlagged() {
        return groups.stream().anyMatch(Group::flagged);
    }

    /**
     * @param attribute the attribute's name
     * @param labels each row's group, null when unknown (left out)
     * @param approved whether each row was approved
     * @param minGroupRows smallest group that can be flagged
     * @param threshold ratio below which a group is flagged (0.8)
     */
    public static ApprovalParity of(
            String attribute, String[] labels, boolean[] approved, int minGroupRows, double threshold) {
        Map<String, int[]> counts = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != null) {
                int[] c = counts.computeIfAbsent(labels[i], k -> new int[2]);
                c[0]++;
                if (approved[i]) {
                    c[1]++;
                }
            }
        }
        double best = 0;
        for (int[] c : counts.values()) {
            if (c[0] >= minGroupRows) {
                best = Math.max(best, (double) c[1] / c[0]);
            }
        }
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int rows = e.getValue()[0];
            int ok = e.getValue()[1];
            double rate = (double) ok / rows;
            double ratio = best > 0 ? rate / best : Double.NaN;
            boolean flagged = rows >= minGroupRows && best > 0 && ratio < threshold;
            groups.add(new Group(e.getKey(), rows, ok, rate, ratio, flagged));
        }
        return new ApprovalParity(attribute, groups);
    }
}
