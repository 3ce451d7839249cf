package dev.plateau.model;

import dev.plateau.model.fast.FastLayers;
import dev.plateau.model.fast.ImageInput;
import dev.plateau.model.fast.SideInputJoin;
import dev.plateau.model.quant.ActivationQuantizer;
import dev.plateau.model.quant.IntegerForm;
import dev.plateau.model.quant.QuantizedRelu;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationReLU;

/**
 * A network in DL4J's stock classes only — what a saved model holds, so plain DL4J loads it with no
 * Plateau class on the class path — and the way back to Plateau's classes for analysis. Stock form:
 * stock convolution, pooling and dense layers; a plain ReLU where Plateau quantises activations (the
 * grids are in the {@link IntegerForm}); no quantisation hook, kernels at their deployed values. A
 * network with side inputs (the CNN with the total energy) is a {@link ComputationGraph} with inputs
 * {@value #CELLS} and {@value #SIDE_INPUTS}: the feature maps are flattened and merged with the side
 * inputs in front of the first dense layer, as {@link SideInputJoin} does. Layer l of the
 * MultiLayerNetwork is the graph's layer vertex named "l", so layer indices mean the same in both.
 */
final class StockNetwork {
    static final String CELLS = "cells", SIDE_INPUTS = "side_inputs";
    private static final String FLATTEN = "flatten", JOIN = "join";

    private StockNetwork() {}

    /** The stock form of a deployed network in Plateau's classes, with the kernels of {@code integers} where it was trained on them. */
    static Model of(MultiLayerNetwork plateau, IntegerForm integers) {
        MultiLayerConfiguration conf = plateau.getLayerWiseConfigurations().clone();
        for (NeuralNetConfiguration c : conf.getConfs()) c.setLayer(stock(c.getLayer()));
        Map<Integer, InputPreProcessor> preprocessors = conf.getInputPreProcessors();
        int joinLayer = -1;
        for (var e : preprocessors.entrySet()) {
            if (e.getValue() instanceof ImageInput image)
                e.setValue(new FeedForwardToCnnPreProcessor(image.getInputHeight(), image.getInputWidth(), image.getNumChannels()));
            if (e.getValue() instanceof SideInputJoin) joinLayer = e.getKey();
        }
        Model stock;
        if (joinLayer < 0) {
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            stock = net;
        } else stock = graph(conf, joinLayer);
        String json = stock instanceof ComputationGraph g ? g.getConfiguration().toJson() : ((MultiLayerNetwork) stock).getLayerWiseConfigurations().toJson();
        if (json.contains("dev.plateau"))
            throw new IllegalStateException("a Plateau class is left in the stock network's configuration: " + json);
        MultiLayerNetwork deployed = integers.postTraining() ? plateau : integers.dequantised(plateau);
        copyParameters(deployed, stock);
        if (deployed != plateau) deployed.close();
        return stock;
    }

    /**
     * The same network in Plateau's classes, as {@link NetworkFactory} builds it — fast layers, the
     * quantised activations as {@link QuantizedRelu}, side inputs through {@link ImageInput} and
     * {@link SideInputJoin} — with the stock network's (deployed) kernels and no quantisation hook: the
     * network the proxies and noise tests perturb.
     */
    static MultiLayerNetwork plateau(Model stock, IntegerForm integers) {
        MultiLayerConfiguration conf = stock instanceof ComputationGraph g ? chain(g) : ((MultiLayerNetwork) stock).getLayerWiseConfigurations().clone();
        List<NeuralNetConfiguration> confs = conf.getConfs();
        for (int l = 0; l < confs.size(); l++) {
            Layer layer = FastLayers.fast(confs.get(l).getLayer(), l > 0);
            ActivationQuantizer grid = integers.activationAfter(l);
            if (grid != null) ((BaseLayer) layer).setActivationFn(new QuantizedRelu(grid.bits(), grid.max()));
            confs.get(l).setLayer(layer);
        }
        // the first fast layer returns no input gradient, which only ImageInput passes on (see ImageInput)
        InputPreProcessor first = conf.getInputPreProcess(0);
        if (first instanceof FeedForwardToCnnPreProcessor image && !(first instanceof ImageInput))
            conf.getInputPreProcessors().put(0, new ImageInput(image.getInputHeight(), image.getInputWidth(), image.getNumChannels(), 0));
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        copyParameters(stock, net);
        return net;
    }

    private static Layer stock(Layer plateau) {
        Layer layer = FastLayers.stock(plateau);
        if (layer instanceof BaseLayer b) {
            b.setWeightNoise(null);
            if (b.getActivationFn() instanceof QuantizedRelu) b.setActivationFn(new ActivationReLU());
        }
        return layer;
    }

    /** The layers of {@code conf} as a graph whose layer {@code joinLayer} reads the flattened maps and the side inputs. */
    private static ComputationGraph graph(MultiLayerConfiguration conf, int joinLayer) {
        SideInputJoin join = (SideInputJoin) conf.getInputPreProcess(joinLayer);
        var graph = new NeuralNetConfiguration.Builder().dataType(conf.getDataType()).graphBuilder().addInputs(CELLS, SIDE_INPUTS);
        String previous = CELLS;
        for (int l = 0; l < conf.getConfs().size(); l++) {
            InputPreProcessor pre = conf.getInputPreProcess(l);
            if (l == joinLayer) {
                graph.addVertex(FLATTEN, new PreprocessorVertex(new CnnToFeedForwardPreProcessor(join.getInputHeight(), join.getInputWidth(),
                        join.getNumChannels())), previous);
                graph.addVertex(JOIN, new MergeVertex(), FLATTEN, SIDE_INPUTS);
                previous = JOIN;
                pre = null;
            }
            NeuralNetConfiguration layer = conf.getConf(l).clone();
            layer.getLayer().setLayerName(String.valueOf(l));
            graph.addVertex(String.valueOf(l), new LayerVertex(layer, pre), previous);
            previous = String.valueOf(l);
        }
        ComputationGraph net = new ComputationGraph(graph.setOutputs(previous).build());
        net.init();
        return net;
    }

    /** A stock graph's layers as one chain again, with {@link ImageInput} and {@link SideInputJoin} handing the side inputs over. */
    private static MultiLayerConfiguration chain(ComputationGraph graph) {
        ComputationGraphConfiguration gc = graph.getConfiguration();
        List<NeuralNetConfiguration> confs = new ArrayList<>();
        Map<Integer, InputPreProcessor> preprocessors = new HashMap<>();
        CnnToFeedForwardPreProcessor flatten = (CnnToFeedForwardPreProcessor) ((PreprocessorVertex) gc.getVertices().get(FLATTEN)).getPreProcessor();
        long cells = 0;
        for (int l = 0; gc.getVertices().containsKey(String.valueOf(l)); l++) {
            LayerVertex v = (LayerVertex) gc.getVertices().get(String.valueOf(l));
            confs.add(v.getLayerConf().clone());
            if (v.getPreProcessor() != null) preprocessors.put(l, v.getPreProcessor().clone());
            if (gc.getVertexInputs().get(String.valueOf(l)).contains(JOIN)) {
                long maps = flatten.getInputHeight() * flatten.getInputWidth() * flatten.getNumChannels();
                int sides = (int) (((FeedForwardLayer) v.getLayerConf().getLayer()).getNIn() - maps);
                preprocessors.put(l, new SideInputJoin(flatten.getInputHeight(), flatten.getInputWidth(), flatten.getNumChannels(), sides));
                FeedForwardToCnnPreProcessor image = (FeedForwardToCnnPreProcessor) preprocessors.get(0);
                preprocessors.put(0, new ImageInput(image.getInputHeight(), image.getInputWidth(), image.getNumChannels(), sides));
            }
        }
        return new MultiLayerConfiguration.Builder().confs(confs).inputPreProcessors(preprocessors).dataType(gc.getDataType()).build();
    }

    /** The stock network's layers in order, with what joins or reshapes in front of each. */
    static List<StockLayer> layers(Model stock) {
        List<StockLayer> layers = new ArrayList<>();
        for (int l = 0; layer(stock, l) != null; l++) {
            InputPreProcessor pre;
            boolean join = false;
            if (stock instanceof ComputationGraph g) {
                ComputationGraphConfiguration gc = g.getConfiguration();
                pre = ((LayerVertex) gc.getVertices().get(String.valueOf(l))).getPreProcessor();
                if (gc.getVertexInputs().get(String.valueOf(l)).contains(JOIN)) {
                    join = true;
                    pre = ((PreprocessorVertex) gc.getVertices().get(FLATTEN)).getPreProcessor();
                }
            } else pre = ((MultiLayerNetwork) stock).getLayerWiseConfigurations().getInputPreProcess(l);
            org.deeplearning4j.nn.api.Layer layer = layer(stock, l);
            layers.add(new StockLayer(l, layer.conf().getLayer(), pre, join, layer.paramTable()));
        }
        return layers;
    }

    private static void copyParameters(Model from, Model to) {
        for (int l = 0; layer(from, l) != null; l++)
            for (var p : layer(from, l).paramTable().entrySet()) layer(to, l).getParam(p.getKey()).assign(p.getValue());
    }

    /** Layer {@code l} of a network or graph (null past the last). */
    static org.deeplearning4j.nn.api.Layer layer(Model m, int l) {
        if (m instanceof ComputationGraph g) return g.getConfiguration().getVertices().containsKey(String.valueOf(l)) ? g.getLayer(String.valueOf(l)) : null;
        MultiLayerNetwork net = (MultiLayerNetwork) m;
        return l < net.getnLayers() ? net.getLayer(l) : null;
    }
}
