package io.creditscoring.model.events;

/**
 * What the portfolio's challenger model made of an application the champion decided: scored off the response
 * path, never shown to the caller, logged for the champion-challenger comparison on matured outcomes.
 *
 * @param modelVersion the registry version of the challenger that scored it
 * @param probabilityOfDefault the challenger's probability of default
 * @param score score points by the portfolio's PDO scaling
 * @param decision the decision the portfolio's cut-offs give that probability
 */
public record ShadowScore(int modelVersion, double probabilityOfDefault, int score, Decision decision) {}
