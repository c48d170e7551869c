package io.creditscoring.export.pmml;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.pipeline.CategoricalInput;
import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.pipeline.PipelineOutputs;
import io.creditscoring.pipeline.Tree;
import io.creditscoring.pipeline.TreeEnsembleModel;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Exports logistic-regression and XGBoost pipelines as PMML 4.4 documents, for tools that read PMML rather than
 * ONNX. Written with the JDK's DOM and transformer (no third-party writer, so no licence question); checked in
 * tests by JPMML-Evaluator (AGPL, test scope only).
 *
 * <p>Inputs: one DataField per raw feature; missing values are PMML missing values (a NaN must be passed as
 * missing). Preprocessing as DerivedFields named {@code col[<column>]}: imputation ({@code if(isMissing(x), v,
 * x)}), scaling ({@code (x - center) / scale}, in double), missing indicator, and one-hot columns ({@code
 * NormDiscrete}, missing or unseen category = 0). Output fields: {@code probability_of_default} (and {@code
 * margin} for trees).
 *
 * <ul>
 *   <li>logistic regression: a classification {@code RegressionModel} with {@code normalizationMethod=logit},
 *       target {@code defaulted} with categories 0 and 1;
 *   <li>XGBoost: a regression {@code MiningModel} summing one {@code TreeModel} per tree plus a constant segment
 *       holding the base margin; trees split {@code x < threshold} left, missing values follow the node's {@code
 *       defaultChild} ({@code missingValueStrategy=defaultChild}); raw numeric fields are declared float, so the
 *       comparisons are made in float32 as XGBoost does; the probability is {@code 1 / (1 + exp(-margin))}.
 * </ul>
 */
public final class PipelinePmmlExporter {

    static final String NS = "http://www.dmg.org/PMML-4_4";
    static final String TARGET = "defaulted";

    /** Returns the PMML document as UTF-8 XML text. */
    public String export(ModelPipeline pipeline, int modelVersion, int schemaVersion) {
        if (pipeline.calibration() != null) {
            // a document without it would score other probabilities than the model version serves
            throw new IllegalArgumentException("PMML export does not write calibration: the pipeline of "
                    + pipeline.portfolio() + " (" + pipeline.algorithm() + ") is calibrated ("
                    + pipeline.calibration() + "); its ONNX artifact carries the calibration");
        }
        Document doc = newDocument();
        Element pmml = doc.createElementNS(NS, "PMML");
        pmml.setAttribute("version", "4.4");
        doc.appendChild(pmml);

        Element header = child(pmml, "Header");
        header.setAttribute(
                "description",
                "Credit-scoring pipeline of portfolio " + pipeline.portfolio() + ", " + pipeline.algorithm()
                        + ", version " + modelVersion + ", schema version " + schemaVersion);
        Element application = child(header, "Application");
        application.setAttribute("name", "io.creditscoring:model-export");
        application.setAttribute("version", "credit-scoring-pipeline/1");
        Map<String, String> annotations = new TreeMap<>(pipeline.metadata());
        annotations.put("portfolio", pipeline.portfolio());
        annotations.put("algorithm", pipeline.algorithm().name());
        annotations.put("modelVersion", Integer.toString(modelVersion));
        annotations.put("schemaVersion", Integer.toString(schemaVersion));
        annotations.forEach((k, v) -> child(header, "Annotation").setTextContent(k + "=" + v));

        switch (pipeline.model()) {
            case LinearModel linear
            when pipeline.algorithm() == Algorithm.LOGISTIC_REGRESSION -> logisticRegression(pmml, pipeline, linear);
            case TreeEnsembleModel trees
            when pipeline.algorithm() == Algorithm.XGBOOST -> xgboost(pmml, pipeline, trees);
            default ->
                throw new IllegalArgumentException(
                        "PMML export supports LOGISTIC_REGRESSION and XGBOOST pipelines, not " + pipeline.algorithm()
                                + " with " + pipeline.model().getClass().getSimpleName());
        }
        return serialize(doc);
    }

    private void logisticRegression(Element pmml, ModelPipeline pipeline, LinearModel model) {
        List<String> columns = pipeline.preprocessing().columnNames();
        if (model.weights().length != columns.size()) {
            throw new IllegalArgumentException("the linear model has " + model.weights().length
                    + " weights but the preprocessing writes " + columns.size() + " columns");
        }
        Element dictionary = dataDictionary(pmml, pipeline, "double");
        Element target = dataField(dictionary, TARGET, "categorical", "string");
        child(target, "Value").setAttribute("value", "0");
        child(target, "Value").setAttribute("value", "1");
        dictionary.setAttribute(
                "numberOfFields", Integer.toString(dictionary.getChildNodes().getLength()));

        Element regression = child(pmml, "RegressionModel");
        regression.setAttribute("modelName", pipeline.portfolio() + "-logistic-regression");
        regression.setAttribute("functionName", "classification");
        regression.setAttribute("normalizationMethod", "logit");
        Element schema = miningSchema(regression, pipeline.preprocessing().features());
        Element targetField = child(schema, "MiningField");
        targetField.setAttribute("name", TARGET);
        targetField.setAttribute("usageType", "target");
        Element output = child(regression, "Output");
        Element probability = outputField(output, PipelineOutputs.PROBABILITY_OF_DEFAULT, "probability");
        probability.setAttribute("value", "1");
        Element transformations = child(regression, "LocalTransformations");
        List<String> fields =
                derivedColumns(transformations, pipeline.preprocessing().inputs(), true);

        Element positive = child(regression, "RegressionTable");
        positive.setAttribute("targetCategory", "1");
        positive.setAttribute("intercept", number(model.intercept()));
        for (int j = 0; j < fields.size(); j++) {
            Element predictor = child(positive, "NumericPredictor");
            predictor.setAttribute("name", fields.get(j));
            predictor.setAttribute("coefficient", number(model.weights()[j]));
        }
        Element negative = child(regression, "RegressionTable");
        negative.setAttribute("targetCategory", "0");
        negative.setAttribute("intercept", "0");
    }

    private void xgboost(Element pmml, ModelPipeline pipeline, TreeEnsembleModel model) {
        Element dictionary = dataDictionary(pmml, pipeline, "float");
        dictionary.setAttribute(
                "numberOfFields", Integer.toString(dictionary.getChildNodes().getLength()));

        Element mining = child(pmml, "MiningModel");
        mining.setAttribute("modelName", pipeline.portfolio() + "-xgboost");
        mining.setAttribute("functionName", "regression");
        miningSchema(mining, pipeline.preprocessing().features());
        Element output = child(mining, "Output");
        outputField(output, PipelineOutputs.MARGIN, "predictedValue");
        Element probability = outputField(output, PipelineOutputs.PROBABILITY_OF_DEFAULT, "transformedValue");
        // 1 / (1 + exp(-margin))
        Element divide = apply(probability, "/");
        constant(divide, 1.0);
        Element plus = apply(divide, "+");
        constant(plus, 1.0);
        Element exp = apply(plus, "exp");
        Element negate = apply(exp, "*");
        constant(negate, -1.0);
        child(negate, "FieldRef").setAttribute("field", PipelineOutputs.MARGIN);

        Element transformations = child(mining, "LocalTransformations");
        List<String> columns =
                derivedColumns(transformations, pipeline.preprocessing().inputs(), false);

        Element segmentation = child(mining, "Segmentation");
        segmentation.setAttribute("multipleModelMethod", "sum");
        Element base = segment(segmentation, 0);
        Element baseTree = treeModel(base, Set.of());
        Element baseRoot = child(baseTree, "Node");
        baseRoot.setAttribute("id", "0");
        baseRoot.setAttribute("score", number(model.baseMargin()));
        child(baseRoot, "True");
        for (int t = 0; t < model.trees().size(); t++) {
            Tree tree = model.trees().get(t);
            Set<String> used = new LinkedHashSet<>();
            for (int n = 0; n < tree.nodeCount(); n++) {
                if (!tree.isLeaf(n)) {
                    int column = tree.featureIndex()[n];
                    if (column < 0 || column >= columns.size()) {
                        throw new IllegalArgumentException(
                                "tree " + t + " node " + n + " splits on column " + column + " of " + columns.size());
                    }
                    used.add(columns.get(column));
                }
            }
            Element treeModel = treeModel(segment(segmentation, t + 1), used);
            Element root = child(treeModel, "Node");
            child(root, "True");
            node(root, tree, 0, columns);
        }
    }

    /** Writes node {@code n} into {@code element} (whose predicate is already written), recursively. */
    private void node(Element element, Tree tree, int n, List<String> columns) {
        element.setAttribute("id", Integer.toString(n));
        if (tree.isLeaf(n)) {
            element.setAttribute("score", number(tree.leafValue()[n]));
            return;
        }
        int left = tree.left()[n];
        int right = tree.right()[n];
        element.setAttribute("defaultChild", Integer.toString(tree.defaultLeft()[n] ? left : right));
        Element leftNode = child(element, "Node");
        Element predicate = child(leftNode, "SimplePredicate");
        predicate.setAttribute("field", columns.get(tree.featureIndex()[n]));
        predicate.setAttribute("operator", "lessThan");
        predicate.setAttribute("value", Float.toString((float) tree.threshold()[n]));
        node(leftNode, tree, left, columns);
        Element rightNode = child(element, "Node");
        child(rightNode, "True");
        node(rightNode, tree, right, columns);
    }

    private Element segment(Element segmentation, int id) {
        Element segment = child(segmentation, "Segment");
        segment.setAttribute("id", Integer.toString(id));
        child(segment, "True");
        return segment;
    }

    private Element treeModel(Element segment, Set<String> fields) {
        Element tree = child(segment, "TreeModel");
        tree.setAttribute("functionName", "regression");
        tree.setAttribute("missingValueStrategy", "defaultChild");
        tree.setAttribute("noTrueChildStrategy", "returnLastPrediction");
        tree.setAttribute("splitCharacteristic", "binarySplit");
        Element schema = child(tree, "MiningSchema");
        for (String field : fields) {
            child(schema, "MiningField").setAttribute("name", field);
        }
        return tree;
    }

    /**
     * Writes the preprocessing as derived fields; returns, per model-vector column, the field holding it (a raw
     * field when a numeric input passes through unchanged, which only trees do).
     */
    private List<String> derivedColumns(Element transformations, List<InputTransform> inputs, boolean linear) {
        List<String> fields = new ArrayList<>();
        for (InputTransform input : inputs) {
            switch (input) {
                case NumericInput n -> {
                    String value = n.feature();
                    if (n.imputeValue() != null) {
                        Element derived = derivedField(transformations, "col[" + n.feature() + "]/imputed");
                        Element ifMissing = apply(derived, "if");
                        child(apply(ifMissing, "isMissing"), "FieldRef").setAttribute("field", n.feature());
                        constant(ifMissing, n.imputeValue());
                        child(ifMissing, "FieldRef").setAttribute("field", n.feature());
                        value = derived.getAttribute("name");
                    }
                    if (n.center() != 0.0 || n.scale() != 1.0) {
                        Element derived = derivedField(transformations, "col[" + n.feature() + "]");
                        Element divide = apply(derived, "/");
                        Element minus = apply(divide, "-");
                        child(minus, "FieldRef").setAttribute("field", value);
                        constant(minus, n.center());
                        constant(divide, n.scale());
                        value = derived.getAttribute("name");
                    } else if (linear && value.equals(n.feature())) {
                        Element derived = derivedField(transformations, "col[" + n.feature() + "]");
                        child(derived, "FieldRef").setAttribute("field", value);
                        value = derived.getAttribute("name");
                    }
                    fields.add(value);
                    if (n.missingIndicator()) {
                        Element derived = derivedField(transformations, "col[" + n.feature() + "__missing]");
                        Element ifMissing = apply(derived, "if");
                        child(apply(ifMissing, "isMissing"), "FieldRef").setAttribute("field", n.feature());
                        constant(ifMissing, 1.0);
                        constant(ifMissing, 0.0);
                        fields.add(derived.getAttribute("name"));
                    }
                }
                case CategoricalInput c -> {
                    for (String category : c.categories()) {
                        Element derived = derivedField(transformations, "col[" + c.feature() + "=" + category + "]");
                        Element norm = child(derived, "NormDiscrete");
                        norm.setAttribute("field", c.feature());
                        norm.setAttribute("value", category);
                        norm.setAttribute("mapMissingTo", "0");
                        fields.add(derived.getAttribute("name"));
                    }
                }
            }
        }
        return fields;
    }

    private Element dataDictionary(Element pmml, ModelPipeline pipeline, String numericType) {
        Element dictionary = child(pmml, "DataDictionary");
        for (InputTransform input : pipeline.preprocessing().inputs()) {
            if (input instanceof CategoricalInput) {
                // no Value list: an unseen category is a valid value that matches no one-hot column
                dataField(dictionary, input.feature(), "categorical", "string");
            } else {
                dataField(dictionary, input.feature(), "continuous", numericType);
            }
        }
        return dictionary;
    }

    private Element dataField(Element dictionary, String name, String optype, String dataType) {
        Element field = child(dictionary, "DataField");
        field.setAttribute("name", name);
        field.setAttribute("optype", optype);
        field.setAttribute("dataType", dataType);
        return field;
    }

    private Element miningSchema(Element model, List<String> features) {
        Element schema = child(model, "MiningSchema");
        for (String feature : features) {
            child(schema, "MiningField").setAttribute("name", feature);
        }
        return schema;
    }

    private Element outputField(Element output, String name, String feature) {
        Element field = child(output, "OutputField");
        field.setAttribute("name", name);
        field.setAttribute("optype", "continuous");
        field.setAttribute("dataType", "double");
        field.setAttribute("feature", feature);
        return field;
    }

    private Element derivedField(Element transformations, String name) {
        Element field = child(transformations, "DerivedField");
        field.setAttribute("name", name);
        field.setAttribute("optype", "continuous");
        field.setAttribute("dataType", "double");
        return field;
    }

    private Element apply(Element parent, String function) {
        Element apply = child(parent, "Apply");
        apply.setAttribute("function", function);
        return apply;
    }

    private void constant(Element parent, double value) {
        Element constant = child(parent, "Constant");
        constant.setAttribute("dataType", "double");
        constant.setTextContent(number(value));
    }

    private static Element child(Element parent, String name) {
        Element element = parent.getOwnerDocument().createElementNS(NS, name);
        parent.appendChild(element);
        return element;
    }

    /** Shortest text that reads back as the same double. */
    private static String number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("PMML cannot hold the non-finite number " + value);
        }
        return Double.toString(value);
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML document builder", e);
        }
    }

    private static String serialize(Document doc) {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("could not write the PMML document", e);
        }
    }
}
