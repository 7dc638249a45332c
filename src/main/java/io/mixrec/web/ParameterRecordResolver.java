package io.mixrec.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.util.ReflectionUtils;
import org.springframework.validation.annotation.ValidationAnnotationUtils;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Binds a {@link ParameterObject @ParameterObject} record from the request's path
 * variables and query parameters, one per component of the same name (a path variable
 * wins over a query parameter), and, when the parameter is {@code @Valid}, checks it with
 * Bean Validation.
 *
 * <p>
 * This is what Spring's constructor binding does for such records, with each record's
 * constructor, component types and annotations read once. Spring's binder finds them by
 * reflection on every request, and the JDK parses parameter annotations anew on each
 * call: that cost the recommendations endpoint a fifth of its throughput (bench/README,
 * "The bisect of the recommendations cost").
 *
 * <p>
 * Values are converted by the handler's {@link WebDataBinder}, so {@code @InitBinder}
 * editors and the conversion service apply as before. Every bad parameter is reported in
 * one {@link InvalidFieldsException}: a value that does not convert as what it should
 * have been ({@link InvalidField#notOfType}), a constraint violation with its message.
 * When a value does not convert the record cannot be built, so the other values are
 * checked one by one.
 */
final class ParameterRecordResolver implements HandlerMethodArgumentResolver {

	private final RecordValidator validator;

	private final ClassValue<Shape> shapes = new ClassValue<>() {

		@Override
		protected Shape computeValue(Class<?> type) {
			return Shape.of(type.asSubclass(Record.class));
		}

	};

	ParameterRecordResolver(RecordValidator validator) {
		this.validator = validator;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType().isRecord() && parameter.hasParameterAnnotation(ParameterObject.class);
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer container,
			NativeWebRequest request, @Nullable WebDataBinderFactory binderFactory) throws Exception {
		Shape shape = this.shapes.get(parameter.getParameterType());
		if (binderFactory == null) {
			throw new IllegalStateException("A parameter record needs a binder factory to convert its values");
		}
		WebDataBinder binder = binderFactory.createBinder(request, null, parameter.getParameterType().getName());
		Map<String, String> pathVariables = pathVariables(request);
		List<InvalidField> errors = new ArrayList<>();
		@Nullable Object[] values = new Object[shape.components().size()];
		boolean converted = true;
		for (int i = 0; i < values.length; i++) {
			Component component = shape.components().get(i);
			try {
				values[i] = binder.convertIfNecessary(component.value(request, pathVariables), component.type(),
						component.descriptor());
			}
			catch (TypeMismatchException ex) {
				errors.add(InvalidField.notOfType(component.name(), component.type()));
				converted = false;
			}
		}
		@Nullable Record value = converted ? shape.construct(values) : null;
		if (validated(parameter)) {
			if (value != null) {
				errors.addAll(this.validator.validate(value));
			}
			else {
				validateConverted(shape, values, errors);
			}
		}
		if (!errors.isEmpty() || value == null) {
			errors.sort(InvalidField.PROBLEM_ORDER);
			throw new InvalidFieldsException(errors);
		}
		return value;
	}

	private void validateConverted(Shape shape, @Nullable Object[] values, List<InvalidField> errors) {
		List<String> unconverted = errors.stream().map(InvalidField::field).toList();
		for (int i = 0; i < values.length; i++) {
			String name = shape.components().get(i).name();
			if (!unconverted.contains(name)) {
				errors.addAll(this.validator.validateValue(shape.type(), name, values[i]));
			}
		}
	}

	private static boolean validated(MethodParameter parameter) {
		for (Annotation annotation : parameter.getParameterAnnotations()) {
			if (ValidationAnnotationUtils.determineValidationHints(annotation) != null) {
				return true;
			}
		}
		return false;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> pathVariables(NativeWebRequest request) {
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST);
		return (variables != null) ? (Map<String, String>) variables : Map.of();
	}

	/**
	 * A record type as binding needs it, read once.
	 *
	 * @param type the record type
	 * @param constructor its canonical constructor
	 * @param components its components, in order
	 */
	private record Shape(Class<? extends Record> type, Constructor<? extends Record> constructor,
			List<Component> components) {

		static Shape of(Class<? extends Record> type) {
			RecordComponent[] recordComponents = type.getRecordComponents();
			Class<?>[] types = new Class<?>[recordComponents.length];
			for (int i = 0; i < types.length; i++) {
				types[i] = recordComponents[i].getType();
			}
			Constructor<? extends Record> constructor = canonicalConstructor(type, types);
			List<Component> components = new ArrayList<>();
			for (int i = 0; i < types.length; i++) {
				components.add(new Component(recordComponents[i].getName(), types[i],
						new TypeDescriptor(new MethodParameter(constructor, i))));
			}
			return new Shape(type, constructor, List.copyOf(components));
		}

		private static Constructor<? extends Record> canonicalConstructor(Class<? extends Record> type,
				Class<?>[] types) {
			try {
				return ReflectionUtils.accessibleConstructor(type, types);
			}
			catch (NoSuchMethodException ex) {
				throw new IllegalStateException("A record always has its canonical constructor", ex);
			}
		}

		Record construct(@Nullable Object[] values) throws Exception {
			try {
				return this.constructor.newInstance(values);
			}
			catch (InvocationTargetException ex) {
				Throwable cause = ex.getCause();
				throw (cause instanceof Exception exception) ? exception : ex;
			}
		}

	}

	/**
	 * One component of a record.
	 *
	 * @param name its name, which is the parameter's
	 * @param type its type
	 * @param descriptor its type with generics and annotations, for conversion
	 */
	private record Component(String name, Class<?> type, TypeDescriptor descriptor) {

		/**
		 * The request's value for this component: its path variable, else its query
		 * parameter (one string, or all of them when repeated), else null.
		 */
		@Nullable Object value(NativeWebRequest request, Map<String, String> pathVariables) {
			String variable = pathVariables.get(this.name);
			if (variable != null) {
				return variable;
			}
			String[] values = request.getParameterValues(this.name);
			if (values == null) {
				return null;
			}
			return (values.length == 1) ? values[0] : values;
		}

	}

}
