package io.creditscoring.scoring.model;

import io.creditscoring.security.Audited;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets an ADMIN force the registry check that promotions and the periodic timer normally trigger. */
@RestController
@RequestMapping("/v1/admin/models")
@Tag(name = "Administration")
@SecurityRequirement(name = "apiKey")
class ModelAdminController {

    private final ChampionModels models;

    ModelAdminController(ChampionModels models) {
        this.models = models;
    }

    record ModelsState(Map<String, Integer> serving, Map<String, Integer> pending) {}

    @PostMapping("/check")
    @Audited("models.check")
    @Operation(summary = "Check the registry for new champions now and load them")
    ModelsState check() {
        models.check();
        return new ModelsState(models.servedVersions(), models.pendingChampions());
    }
}
