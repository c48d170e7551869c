package io.creditscoring.registry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Model governance, under {@code governance.*}.
 *
 * @param fourEyes champion promotions need a request by one key and an approval by another; the training policy
 *     files a request instead of promoting. Challenger promotions stay one step.
 */
@ConfigurationProperties("governance")
public record GovernanceProperties(@DefaultValue("true") boolean fourEyes) {}
