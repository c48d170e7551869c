/**
 * The platform's one feature contract: how a raw feature value (from JSON, CSV or a Kafka payload) becomes a model
 * value or a category label, what counts as missing, and the range and category checks of a portfolio schema, with
 * one {@link io.creditscoring.pipeline.contract.Strictness} switch for the places that must read differently. See
 * {@link io.creditscoring.pipeline.contract.FeatureContract}. Plain Java, no Spring; on the GPL-free scoring path.
 */
package io.creditscoring.pipeline.contract;
