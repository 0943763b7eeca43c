package io.yoctopus.api.index;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes {@value BeanIndex#LOCATION}: the classes of the compilation that CDI's {@code annotated} discovery
 * would make beans, that is, that carry a bean-defining annotation (a normal scope such as
 * {@code @ApplicationScoped}, {@code @Dependent}, a stereotype such as {@code @Plugin}, {@code @Interceptor},
 * {@code @Decorator}), and are not {@code @Vetoed}. Classes nested in others are included.
 *
 * <p>javac finds this processor on the class path (the API jar registers it as a service) and runs it with
 * every compilation of a plugin project; it claims no annotation, so other processors see everything. The
 * annotations are recognised by name: the processor needs nothing on the class path but the sources.
 *
 * <p>An index left by an earlier, incremental compilation (an IDE's) is kept for the classes this compilation
 * did not see that still exist; the classes it compiled are decided afresh.
 */
@SupportedAnnotationTypes("*")
public final class BeanIndexProcessor extends AbstractProcessor {

    private static final Set<String> BEAN_DEFINING = Set.of(
            "jakarta.enterprise.context.Dependent",
            "jakarta.interceptor.Interceptor",
            "jakarta.decorator.Decorator");
    private static final Set<String> BEAN_DEFINING_META = Set.of(
            "jakarta.enterprise.context.NormalScope",
            "jakarta.enterprise.inject.Stereotype");
    private static final String VETOED = "jakarta.enterprise.inject.Vetoed";

    /** Binary names of the bean classes found so far. */
    private final Set<String> beans = new TreeSet<>();
    /** Binary names of every class this compilation compiled. */
    private final Set<String> compiled = new HashSet<>();
    private Elements elements;

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        elements = environment.getElementUtils();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        ElementFilter.typesIn(round.getRootElements()).forEach(this::visit);
        if (round.processingOver()) {
            write();
        }
        return false;
    }

    private void visit(TypeElement type) {
        String name = elements.getBinaryName(type).toString();
        compiled.add(name);
        if (isBeanClass(type)) {
            beans.add(name);
        }
        ElementFilter.typesIn(type.getEnclosedElements()).forEach(this::visit);
    }

    private boolean isBeanClass(TypeElement type) {
        if (annotated(type, VETOED) || annotated(elements.getPackageOf(type), VETOED)) {
            return false;
        }
        return type.getAnnotationMirrors().stream()
                .map(mirror -> (TypeElement) mirror.getAnnotationType().asElement())
                .anyMatch(annotation -> BEAN_DEFINING.contains(annotation.getQualifiedName().toString())
                        || BEAN_DEFINING_META.stream().anyMatch(meta -> annotated(annotation, meta)));
    }

    private static boolean annotated(Element element, String annotation) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(annotation)) {
                return true;
            }
        }
        return false;
    }

    private void write() {
        Set<String> index = new TreeSet<>(beans);
        List<String> earlier = earlierIndex();
        earlier.stream()
                .filter(name -> !compiled.contains(name) && elements.getTypeElement(name.replace('$', '.')) != null)
                .forEach(index::add);
        if (index.isEmpty() && earlier.isEmpty()) {
            return;
        }
        try {
            FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", BeanIndex.LOCATION);
            try (Writer writer = file.openWriter()) {
                writer.write(BeanIndex.COMMENT + " The bean classes of this jar, for Yoctopus (" + getClass().getName() + ")\n");
                for (String name : index) {
                    writer.write(name + "\n");
                }
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "cannot write " + BeanIndex.LOCATION + ": " + e.getMessage());
        }
    }

    /** The class names of an index an earlier compilation left in the output, if any. */
    private List<String> earlierIndex() {
        try {
            FileObject file = processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", BeanIndex.LOCATION);
            try (Reader reader = file.openReader(true); BufferedReader lines = new BufferedReader(reader)) {
                return lines.lines().map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith(BeanIndex.COMMENT))
                        .toList();
            }
        } catch (IOException | IllegalArgumentException none) {
            return List.of();
        }
    }
}
