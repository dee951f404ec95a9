package com.gopherpay.notification.workflow;

import java.util.Map;
import java.util.function.Consumer;
import liqp.Template;
import liqp.TemplateContext;
import liqp.TemplateParser;
import liqp.nodes.LNode;
import liqp.parser.v4.NodeVisitor;
import liqp.spi.BasicTypesSupport;

/**
 * A Liquid template whose node tree is built once, at start-up, and rendered with a fresh context on every call.
 *
 * <p>Liqp's {@code Template.render} builds the node tree from the ANTLR parse tree again on every render (re-reading
 * the text of every token), which a profile under load showed as most of the service's rendering time. It also keeps
 * the context of the render in progress in a field of the shared {@code Template}, so two threads rendering the same
 * template at once could render with each other's variables. The node tree itself holds no state of a render (loops,
 * cycles and the iteration limit keep theirs in the context), so one tree serves every render and every thread; this
 * class does what {@code Template.renderUnguarded} does, minus the rebuild and the shared field.
 */
final class LiquidTemplate {

    private final TemplateParser parser;
    private final LNode root;

    LiquidTemplate(TemplateParser parser, Template template) {
        this.parser = parser;
        this.root = (LNode) new NodeVisitor(parser.insertions, parser.filters, parser.liquidStyleInclude)
                .visit(template.getParseTree());
    }

    String render(Map<String, Object> variables) {
        BasicTypesSupport.clearReferences();
        TemplateContext context = new TemplateContext(parser, parser.evaluate(parser.mapper, variables));
        Consumer<Map<String, Object>> environment = parser.getEnvironmentMapConfigurator();
        if (environment != null) {
            environment.accept(context.getEnvironmentMap());
        }
        Object rendered = root.render(context);
        return String.valueOf(parser.getRenderTransformer().transformObject(context, rendered));
    }
}
