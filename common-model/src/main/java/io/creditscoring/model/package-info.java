/**
 * The platform's shared vocabulary: portfolio schemas ({@link io.creditscoring.model.portfolio}), Kafka payloads
 * and topic names ({@link io.creditscoring.model.events}) and the JSON mapping they travel in. Plain records and
 * enums: no Spring, no JPA, no I/O beyond reading bundled resources.
 */
package io.creditscoring.model;
