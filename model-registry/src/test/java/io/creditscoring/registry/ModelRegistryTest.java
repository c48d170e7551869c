package io.creditscoring.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.Sha256;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.events.ModelEvent;
import io.creditscoring.model.events.ModelEventType;
import io.creditscoring.model.events.Topics;
import io.creditscoring.testsupport.SharedPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class ModelRegistryTest {

    private static ModelRegistry registry;
    private static JdbcClient jdbc;

    @BeforeAll
    static void migrate() {
        new RegistrySchemaMigration(SharedPostgres.dataSource());
        registry = new ModelRegistry(SharedPostgres.dataSource());
        jdbc = JdbcClient.create(SharedPostgres.dataSource());
    }

    @Test
    void reservesIncreasingVersionsPerPortfolio() {
        String portfolio = RegistryFixtures.newPortfolio();
        String other = RegistryFixtures.newPortfolio();
        assertThat(registry.reserveVersion(portfolio)).isEqualTo(1);
        assertThat(registry.reserveVersion(portfolio)).isEqualTo(2);
        assertThat(registry.reserveVersion(other)).isEqualTo(1);
    }

    @Test
    void registersAVersionWithItsLineageAndReadsTheArtifactBackVerified() {
        String portfolio = RegistryFixtures.newPortfolio();
        NewModelVersion model = RegistryFixtures.version(registry, portfolio, 0.77);

        ModelVersionSummary summary = registry.register(model);

        assertThat(summary.version()).isEqualTo(model.version());
        assertThat(summary.algorithm()).isEqualTo(Algorithm.LOGISTIC_REGRESSION);
        assertThat(summary.metrics()).containsEntry("auc", 0.77);
        assertThat(summary.aliases()).isEmpty();
        assertThat(summary.onnxSha256()).isEqualTo(Sha256.hex(model.onnx())).hasSize(64);
        assertThat(summary.parityMaxAbsDiff()).isEqualTo(3.2e-8);
        assertThat(summary.createdAt()).isNotNull();

        ModelArtifact artifact = registry.artifact(portfolio, model.version());
        assertThat(artifact.onnx()).isEqualTo(model.onnx());
        assertThat(artifact.sha256()).isEqualTo(summary.onnxSha256());

        ModelVersionDetails details =
                registry.details(portfolio, model.version()).orElseThrow();
        assertThat(details.pipeline()).usingRecursiveComparison().isEqualTo(model.pipeline());
        assertThat(CreditJson.json()
                        .readTree(details.lineageJson())
                        .get("trainingRows")
                        .asInt())
                .isEqualTo(800);
        assertThat(CreditJson.json().readTree(details.paramsJson()).get("seed").asInt())
                .isEqualTo(42);
        assertThat(details.schemaJson()).contains("checking_status");
        assertThat(registry.referenceRows(portfolio, model.version()))
                .extracting(NewModelVersion.ReferenceRow::probabilityOfDefault)
                .containsExactly(0.31, 0.12);
    }

    @Test
    void readsTheSchemaAVersionWasTrainedOn() {
        String portfolio = RegistryFixtures.newPortfolio();
        int version = registry.register(RegistryFixtures.version(registry, portfolio, 0.77))
                .version();

        var schema = registry.details(portfolio, version).orElseThrow().schema();

        assertThat(schema.portfolio()).isEqualTo("german-loans");
        assertThat(schema.feature("checking_status").orElseThrow().categories()).contains("A11", "A14");
    }

    @Test
    void readsTheFirstReferenceRowsOfAVersionInTheirOrder() {
        String portfolio = RegistryFixtures.newPortfolio();
        int version = registry.register(RegistryFixtures.version(registry, portfolio, 0.77))
                .version();

        List<NewModelVersion.ReferenceRow> first = registry.referenceRows(portfolio, version, 1);

        assertThat(first).hasSize(1);
        assertThat(first.getFirst().probabilityOfDefault()).isEqualTo(0.31);
        assertThat(first.getFirst().features()).isEqualTo(Map.of("duration", 24, "checking_status", "A11"));
        assertThat(first.getFirst().defaulted()).isTrue();
        assertThat(registry.referenceRows(portfolio, version, 5))
                .extracting(NewModelVersion.ReferenceRow::defaulted)
                .containsExactly(true, null);
    }

    @Test
    void knowsWhichVersionsHaveReferenceRows() {
        String portfolio = RegistryFixtures.newPortfolio();
        int withRows = registry.register(RegistryFixtures.version(registry, portfolio, 0.77))
                .version();
        int withoutRows = registry.register(
                        RegistryFixtures.withoutReferenceRows(RegistryFixtures.version(registry, portfolio, 0.78)))
                .version();

        assertThat(registry.hasReferenceRows(portfolio, withRows)).isTrue();
        assertThat(registry.hasReferenceRows(portfolio, withoutRows)).isFalse();
        assertThat(registry.hasReferenceRows(portfolio, withoutRows + 1)).isFalse();
        assertThat(registry.hasReferenceRows("no-such-portfolio", withRows)).isFalse();
    }

    @Test
    void listsTheVersionEachPortfolioHoldsAnAliasAt() {
        String one = RegistryFixtures.newPortfolio();
        String two = RegistryFixtures.newPortfolio();
        String challengerOnly = RegistryFixtures.newPortfolio();
        int oneV1 =
                registry.register(RegistryFixtures.version(registry, one, 0.70)).version();
        int twoV1 =
                registry.register(RegistryFixtures.version(registry, two, 0.70)).version();
        int twoV2 =
                registry.register(RegistryFixtures.version(registry, two, 0.72)).version();
        int otherV1 = registry.register(RegistryFixtures.version(registry, challengerOnly, 0.70))
                .version();
        registry.promote(one, oneV1, ModelAlias.CHAMPION, "alice", "first");
        registry.promote(two, twoV1, ModelAlias.CHAMPION, "alice", "first");
        registry.promote(two, twoV2, ModelAlias.CHAMPION, "alice", "better");
        registry.promote(two, twoV1, ModelAlias.CHALLENGER, "alice", "kept for comparison");
        registry.promote(challengerOnly, otherV1, ModelAlias.CHALLENGER, "alice", "trial");

        var champions = registry.aliasVersions(ModelAlias.CHAMPION);
        var challengers = registry.aliasVersions(ModelAlias.CHALLENGER);

        assertThat(champions).containsEntry(one, 1).containsEntry(two, 2).doesNotContainKey(challengerOnly);
        assertThat(challengers)
                .containsEntry(two, 1)
                .containsEntry(challengerOnly, 1)
                .doesNotContainKey(one);
    }

    @Test
    void refusesToHandOutAnArtifactWhoseBytesNoLongerMatchTheirSha256() {
        String portfolio = RegistryFixtures.newPortfolio();
        NewModelVersion model = RegistryFixtures.version(registry, portfolio, 0.77);
        registry.register(model);
        jdbc.sql("update registry.model_versions set onnx = ? where portfolio = ?")
                .params(new byte[] {1, 2, 3}, portfolio)
                .update();

        assertThatThrownBy(() -> registry.artifact(portfolio, model.version()))
                .isInstanceOf(ArtifactIntegrityException.class)
                .hasMessageContaining(Sha256.hex(model.onnx()));
    }

    @Test
    void listsVersionsNewestFirstWithTheirAliases() {
        String portfolio = RegistryFixtures.newPortfolio();
        int v1 = registry.register(RegistryFixtures.version(registry, portfolio, 0.70))
                .version();
        int v2 = registry.register(RegistryFixtures.version(registry, portfolio, 0.72))
                .version();
        registry.promote(portfolio, v1, ModelAlias.CHAMPION, "alice", "first model");
        registry.promote(portfolio, v2, ModelAlias.CHALLENGER, "alice", "try it");

        List<ModelVersionSummary> versions = registry.list(portfolio);

        assertThat(versions).extracting(ModelVersionSummary::version).containsExactly(v2, v1);
        assertThat(versions.get(0).aliases()).containsExactly("challenger");
        assertThat(versions.get(1).aliases()).containsExactly("champion");
        assertThat(registry.list("no-such-portfolio")).isEmpty();
    }

    @Test
    void aPromotionRecordsWhoWhenWhyAndFromWhichVersionWithItsEventInTheOutbox() {
        String portfolio = RegistryFixtures.newPortfolio();
        int v1 = registry.register(RegistryFixtures.version(registry, portfolio, 0.70))
                .version();
        int v2 = registry.register(RegistryFixtures.version(registry, portfolio, 0.75))
                .version();

        registry.promote(portfolio, v1, ModelAlias.CHAMPION, "alice", "first model");
        Promotion second = registry.promote(portfolio, v2, ModelAlias.CHAMPION, "bob", "better AUC")
                .orElseThrow();

        assertThat(second.fromVersion()).isEqualTo(v1);
        assertThat(second.toVersion()).isEqualTo(v2);
        assertThat(second.promotedBy()).isEqualTo("bob");
        assertThat(second.reason()).isEqualTo("better AUC");
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHAMPION)).contains(v2);
        assertThat(registry.promotions(portfolio))
                .extracting(Promotion::fromVersion, Promotion::toVersion)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(null, v1), org.assertj.core.groups.Tuple.tuple(v1, v2));

        List<ModelEvent> events = outboxEvents(portfolio);
        assertThat(events)
                .extracting(ModelEvent::modelVersion, ModelEvent::alias, ModelEvent::event)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(v1, "champion", ModelEventType.PROMOTED),
                        org.assertj.core.groups.Tuple.tuple(v2, "champion", ModelEventType.PROMOTED));
        assertThat(events.get(1).at()).isEqualTo(second.promotedAt());
    }

    @Test
    void promotingTheVersionAnAliasAlreadyHoldsChangesNothing() {
        String portfolio = RegistryFixtures.newPortfolio();
        int v1 = registry.register(RegistryFixtures.version(registry, portfolio, 0.70))
                .version();
        registry.promote(portfolio, v1, ModelAlias.CHAMPION, "alice", "first");

        assertThat(registry.promote(portfolio, v1, ModelAlias.CHAMPION, "alice", "again"))
                .isEmpty();
        assertThat(registry.promotions(portfolio)).hasSize(1);
        assertThat(outboxEvents(portfolio)).hasSize(1);
    }

    @Test
    void promotingAnUnknownVersionFailsAndWritesNothing() {
        String portfolio = RegistryFixtures.newPortfolio();
        registry.register(RegistryFixtures.version(registry, portfolio, 0.70));

        assertThatThrownBy(() -> registry.promote(portfolio, 99, ModelAlias.CHAMPION, "alice", "typo"))
                .isInstanceOf(ModelVersionNotFoundException.class)
                .hasMessageContaining("99");
        assertThat(registry.promotions(portfolio)).isEmpty();
        assertThat(outboxEvents(portfolio)).isEmpty();
    }

    @Test
    void afterARunTheFirstModelBecomesChallengerAndChampion() {
        String portfolio = RegistryFixtures.newPortfolio();
        int v1 = registry.register(RegistryFixtures.version(registry, portfolio, 0.70))
                .version();

        var outcome = afterRun(portfolio, v1, 0.70, new ChampionAssessment.None(), false);

        assertThat(outcome.decision().promoteToChampion()).isTrue();
        assertThat(outcome.promotions()).extracting(Promotion::alias).containsExactly("challenger", "champion");
        assertThat(registry.find(portfolio, v1).orElseThrow().aliases()).containsExactly("challenger", "champion");
    }

    @Test
    void afterARunAModelThatDoesNotBeatTheChampionOnlyBecomesChallenger() {
        String portfolio = RegistryFixtures.newPortfolio();
        int v1 = registry.register(RegistryFixtures.version(registry, portfolio, 0.75))
                .version();
        registry.promote(portfolio, v1, ModelAlias.CHAMPION, "alice", "first");
        int v2 = registry.register(RegistryFixtures.version(registry, portfolio, 0.755))
                .version();

        var outcome = afterRun(portfolio, v2, 0.755, new ChampionAssessment.Measured(v1, 0.75), false);

        assertThat(outcome.decision().promoteToChampion()).isFalse();
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHAMPION)).contains(v1);
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHALLENGER)).contains(v2);
    }

    @Test
    void afterARunAModelThatBeatsTheChampionByTheMarginReplacesIt() {
        String portfolio = RegistryFixtures.newPortfolio();
        int v1 = registry.register(RegistryFixtures.version(registry, portfolio, 0.75))
                .version();
        registry.promote(portfolio, v1, ModelAlias.CHAMPION, "alice", "first");
        int v2 = registry.register(RegistryFixtures.version(registry, portfolio, 0.80))
                .version();

        var outcome = afterRun(portfolio, v2, 0.80, new ChampionAssessment.Measured(v1, 0.75), false);

        assertThat(outcome.decision().promoteToChampion()).isTrue();
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHAMPION)).contains(v2);
        assertThat(registry.promotions(portfolio).getLast().fromVersion()).isEqualTo(v1);
    }

    @Test
    void afterARunTheChampionIsNotReplacedWhenItChangedSinceItWasEvaluated() {
        String portfolio = RegistryFixtures.newPortfolio();
        int v1 = registry.register(RegistryFixtures.version(registry, portfolio, 0.75))
                .version();
        int v2 = registry.register(RegistryFixtures.version(registry, portfolio, 0.78))
                .version();
        registry.promote(portfolio, v2, ModelAlias.CHAMPION, "alice", "manual");
        int v3 = registry.register(RegistryFixtures.version(registry, portfolio, 0.80))
                .version();

        // the run evaluated v1 as champion, but v2 was promoted meanwhile
        var outcome = afterRun(portfolio, v3, 0.80, new ChampionAssessment.Measured(v1, 0.75), false);

        assertThat(outcome.decision().promoteToChampion()).isFalse();
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHAMPION)).contains(v2);
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHALLENGER)).contains(v3);
    }

    @Test
    void afterARunAChampionThatCouldNotBeEvaluatedKeepsItsPlace() {
        String portfolio = RegistryFixtures.newPortfolio();
        int v1 = registry.register(RegistryFixtures.version(registry, portfolio, 0.75))
                .version();
        registry.promote(portfolio, v1, ModelAlias.CHAMPION, "alice", "first");
        int v2 = registry.register(RegistryFixtures.version(registry, portfolio, 0.90))
                .version();

        var outcome =
                afterRun(portfolio, v2, 0.90, new ChampionAssessment.Unavailable(v1, "needs input 'EDUCATION'"), false);

        assertThat(outcome.decision().promoteToChampion()).isFalse();
        assertThat(outcome.decision().reason()).contains("could not be evaluated", "EDUCATION");
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHAMPION)).contains(v1);
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHALLENGER)).contains(v2);
    }

    @Test
    void withFourEyesTheRunFilesARequestInsteadOfPromotingTheChampion() {
        String portfolio = RegistryFixtures.newPortfolio();
        int v1 = registry.register(RegistryFixtures.version(registry, portfolio, 0.70))
                .version();

        var outcome = afterRun(portfolio, v1, 0.70, new ChampionAssessment.None(), true);

        assertThat(outcome.decision().promoteToChampion()).isTrue();
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHAMPION)).isEmpty();
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHALLENGER)).contains(v1);
        PromotionRequest request = outcome.request().orElseThrow();
        assertThat(request.status()).isEqualTo(PromotionRequest.Status.PENDING);
        assertThat(request.requestedBy()).isEqualTo("system:training-policy");
        assertThat(request.alias()).isEqualTo("champion");
        assertThat(request.reason()).startsWith("training run").contains("no champion");
        assertThat(registry.promotionRequests(portfolio, PromotionRequest.Status.PENDING, 10))
                .containsExactly(request);
    }

    @Test
    void anApprovalByAnotherKeyPromotesAndIsLinkedInTheHistory() {
        String portfolio = RegistryFixtures.newPortfolio();
        int v1 = registry.register(RegistryFixtures.version(registry, portfolio, 0.70))
                .version();
        PromotionRequest request =
                registry.requestPromotion(portfolio, v1, ModelAlias.CHAMPION, "trainer-1", "best of run 7");

        PromotionRequest approved = registry.approve(request.requestId(), "approver-1", "checked the report");

        assertThat(approved.status()).isEqualTo(PromotionRequest.Status.APPROVED);
        assertThat(approved.decidedBy()).isEqualTo("approver-1");
        assertThat(approved.comment()).isEqualTo("checked the report");
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHAMPION)).contains(v1);
        Promotion promotion = registry.promotions(portfolio).getLast();
        assertThat(promotion.promotedBy()).isEqualTo("approver-1");
        assertThat(promotion.requestedBy()).isEqualTo("trainer-1");
        assertThat(promotion.requestId()).isEqualTo(request.requestId());
        assertThat(outboxEvents(portfolio)).extracting(ModelEvent::modelVersion).containsExactly(v1);
    }

    @Test
    void theRequesterCannotApproveAndADecidedRequestCannotBeDecidedAgain() {
        String portfolio = RegistryFixtures.newPortfolio();
        int v1 = registry.register(RegistryFixtures.version(registry, portfolio, 0.70))
                .version();
        PromotionRequest request = registry.requestPromotion(portfolio, v1, ModelAlias.CHAMPION, "trainer-1", "best");

        assertThatThrownBy(() -> registry.approve(request.requestId(), "trainer-1", "self"))
                .isInstanceOfSatisfying(
                        PromotionRequestException.class,
                        e -> assertThat(e.reason()).isEqualTo(PromotionRequestException.Reason.SELF_APPROVAL));
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHAMPION)).isEmpty();

        PromotionRequest rejected = registry.reject(request.requestId(), "approver-1", "not on a Friday");
        assertThat(rejected.status()).isEqualTo(PromotionRequest.Status.REJECTED);
        assertThatThrownBy(() -> registry.approve(request.requestId(), "approver-2", "late"))
                .isInstanceOfSatisfying(
                        PromotionRequestException.class,
                        e -> assertThat(e.reason()).isEqualTo(PromotionRequestException.Reason.ALREADY_DECIDED));
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHAMPION)).isEmpty();
        assertThat(outboxEvents(portfolio)).isEmpty();
        assertThatThrownBy(() -> registry.approve(java.util.UUID.randomUUID(), "approver-1", null))
                .isInstanceOfSatisfying(
                        PromotionRequestException.class,
                        e -> assertThat(e.reason()).isEqualTo(PromotionRequestException.Reason.NOT_FOUND));
    }

    private static ModelRegistry.PolicyOutcome afterRun(
            String portfolio, int version, double auc, ChampionAssessment champion, boolean fourEyes) {
        return registry.promoteAfterRun(
                portfolio,
                version,
                auc,
                champion,
                new PromotionPolicy(0.01),
                fourEyes,
                "system:training-policy",
                "training run " + java.util.UUID.randomUUID());
    }

    static List<ModelEvent> outboxEvents(String portfolio) {
        return jdbc
                .sql("select payload::text from registry.outbox where topic = ? and message_key = ?"
                        + " order by outbox_id")
                .params(Topics.MODEL_EVENTS, portfolio)
                .query(String.class)
                .list()
                .stream()
                .map(json -> CreditJson.json().readValue(json, ModelEvent.class))
                .toList();
    }
}
