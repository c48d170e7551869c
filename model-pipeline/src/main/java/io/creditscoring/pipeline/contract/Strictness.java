package io.creditscoring.pipeline.contract;

/**
 * How strictly a raw feature value is read: the one switch between the places that must read values differently.
 * The three settings agree on every value a strict setting accepts: {@link #READ} of what {@link #STORE} or
 * {@link #SCORE} cleaned gives the same model value and label back (see {@link FeatureContract}).
 */
public enum Strictness {

    /**
     * Ingestion: a record is stored cleaned or dead-lettered with the reason. Every feature the schema does not let
     * be missing is required, protected attributes included (they are stored for fairness monitoring), and numbers
     * written as text are numbers, because CSV files and many producers write everything as text.
     */
    STORE,

    /**
     * Scoring requests: checked as strictly as ingestion, so that a model never scores what training could not have
     * seen, but only model inputs are required (a caller may leave out a protected attribute, the model does not
     * read it), and a number must be a JSON number: the API is typed, and a string where a number belongs is a
     * client's bug to be told about. A category the schema allows but the model never saw is scored (all zeros in
     * its one-hot columns), not refused.
     */
    SCORE,

    /**
     * Values that were already cleaned (stored by ingestion, normalised by scoring, sampled for drift): read, never
     * refused. A missing or unreadable number is NaN, a missing label null; ranges and categories are not checked
     * again, since the strict settings did so when the value came in.
     */
    READ
}
