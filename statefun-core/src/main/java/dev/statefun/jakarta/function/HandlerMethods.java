package dev.statefun.jakarta.function;

import dev.statefun.jakarta.Context;
import dev.statefun.jakarta.Handles;
import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.TypedRemoteFunction;
import dev.statefun.jakarta.message.Message;
import dev.statefun.jakarta.types.Type;
import dev.statefun.jakarta.types.Types;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link Handles} methods of a class, keyed by the typename of the messages they take, with
 * every mistake in them as a problem message: what {@link TypedRemoteFunction} dispatches with and
 * what {@link FunctionClass} validates. One table per class, built once.
 */
public final class HandlerMethods {
  private static final ClassValue<HandlerMethods> CACHE = new ClassValue<>() {
    @Override
    protected HandlerMethods computeValue(Class<?> type) {
      return read(type);
    }
  };

  private static final Map<Class<?>, Type<?>> PRIMITIVES = Map.ofEntries(
      Map.entry(Boolean.class, Types.BOOL), Map.entry(boolean.class, Types.BOOL),
      Map.entry(Integer.class, Types.INT), Map.entry(int.class, Types.INT),
      Map.entry(Long.class, Types.LONG), Map.entry(long.class, Types.LONG),
      Map.entry(Float.class, Types.FLOAT), Map.entry(float.class, Types.FLOAT),
      Map.entry(Double.class, Types.DOUBLE), Map.entry(double.class, Types.DOUBLE),
      Map.entry(String.class, Types.STRING));

  /** One handler method and the type of the messages it takes. */
  private record Entry(Method method, Type<?> type) {}

  private final Class<?> type;
  private final Map<TypeName, Entry> byTypeName;
  private final List<String> problems;

  private HandlerMethods(Class<?> type, Map<TypeName, Entry> byTypeName, List<String> problems) {
    this.type = type;
    this.byTypeName = byTypeName;
    this.problems = List.copyOf(problems);
  }

  /** The handler methods of {@code type} and of its superclasses (cached). */
  public static HandlerMethods of(Class<?> type) {
    return CACHE.get(Objects.requireNonNull(type, "type"));
  }

  /** The typenames handled, in the order the methods were found. */
  public Set<TypeName> typeNames() {
    return byTypeName.keySet();
  }

  /** Every mistake in the class's handler methods, each phrased to follow "{@code <class>: }". */
  public List<String> problems() {
    return problems;
  }

  /**
   * Calls the method that takes {@code message}'s type, decoding the message with it.
   *
   * @return false if no method takes that type
   * @throws IllegalStateException if the class's handler methods have {@link #problems()}
   * @throws Exception whatever the method throws
   */
  public boolean dispatch(Object function, Context context, Message message) throws Exception {
    if (!problems.isEmpty()) {
      throw new IllegalStateException(type.getName() + ": " + String.join("; ", problems));
    }
    Entry entry = byTypeName.get(message.valueTypeName());
    if (entry == null) {
      return false;
    }
    Object value = message.as(entry.type());
    try {
      entry.method().invoke(function, context, value);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception exception) {
        throw exception;
      }
      throw (Error) cause;
    }
    return true;
  }

  /** The message of the failure for a message of {@code typeName} that no method takes. */
  public String unhandledMessage(TypeName typeName) {
    return type.getName() + " has no @Handles method for messages of type " + typeName + "; it handles "
        + byTypeName.keySet().stream().map(TypeName::canonical).sorted().collect(Collectors.joining(", ", "[", "]"))
        + ": add a method, or override unhandled(Context, Message)";
  }

  private static HandlerMethods read(Class<?> type) {
    List<String> problems = new ArrayList<>();
    Map<TypeName, Entry> byTypeName = new LinkedHashMap<>();
    Map<TypeName, String> methodByTypeName = new HashMap<>();
    Set<String> seenSignatures = new HashSet<>();
    // From the class up, so that an override (a container's subclass, say) hides the method it overrides.
    for (Class<?> c = type; c != null && c != TypedRemoteFunction.class && c != Object.class; c = c.getSuperclass()) {
      Method[] methods;
      try {
        methods = c.getDeclaredMethods();
      } catch (LinkageError e) {
        problems.add("its methods cannot be read (" + e + "); check that its dependencies are deployed");
        break;
      }
      for (Method method : methods) {
        if (method.isBridge() || method.isSynthetic()) {
          continue;
        }
        Handles handles = method.getAnnotation(Handles.class);
        // An annotated override hides the annotated method it overrides. One without the annotation
        // (a container's interceptor subclass, say) does not: the call below dispatches to it anyway.
        String signature = method.getName() + List.of(method.getParameterTypes());
        if (handles == null || !Modifier.isPrivate(method.getModifiers()) && !seenSignatures.add(signature)) {
          continue;
        }
        String name = "'" + method.getName() + "'";
        Class<?>[] parameters = method.getParameterTypes();
        if (parameters.length != 2 || parameters[0] != Context.class || method.getReturnType() != void.class
            || Modifier.isStatic(method.getModifiers())) {
          problems.add("its @Handles method " + name + " must be an instance method taking (Context, T) and"
              + " returning void, e.g. 'void on(Context context, Order order)'");
          continue;
        }
        Type<?> messageType = messageType(type, method, handles, problems);
        if (messageType == null) {
          continue;
        }
        String previous = methodByTypeName.putIfAbsent(messageType.typeName(), method.getName());
        if (previous != null) {
          problems.add("its @Handles methods '" + previous + "' and " + name + " both take messages of type "
              + messageType.typeName() + "; one method per message type: merge them or remove one");
          continue;
        }
        method.setAccessible(true);
        byTypeName.put(messageType.typeName(), new Entry(method, messageType));
      }
    }
    boolean typed = TypedRemoteFunction.class.isAssignableFrom(type);
    if (typed && byTypeName.isEmpty() && problems.isEmpty()) {
      problems.add("it extends " + TypedRemoteFunction.class.getSimpleName() + " but declares no @Handles method;"
          + " add one per message type, e.g. '@Handles void on(Context context, String text)'");
    }
    if (!typed && (!byTypeName.isEmpty() || !problems.isEmpty())) {
      problems.add("it has @Handles methods but does not extend " + TypedRemoteFunction.class.getName()
          + ", so they are never called: extend it (and remove invoke)");
    }
    return new HandlerMethods(type, Map.copyOf(byTypeName), problems);
  }

  /** The type of the messages {@code method} takes, or null after reporting why there is none. */
  private static Type<?> messageType(Class<?> type, Method method, Handles handles, List<String> problems) {
    String name = "'" + method.getName() + "'";
    Class<?> parameter = method.getParameterTypes()[1];
    if (!handles.type().isEmpty()) {
      Field field = typeField(type, handles.type());
      if (field == null) {
        problems.add("its @Handles method " + name + " names the type field '" + handles.type()
            + "', which is no static final Type field of the class; declare it 'static final Type<"
            + parameter.getSimpleName() + "> " + handles.type() + " = Types.json(...)'");
        return null;
      }
      return readTypeField(field, method, problems);
    }
    Type<?> primitive = PRIMITIVES.get(parameter);
    if (primitive != null) {
      return primitive;
    }
    List<Field> candidates = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (isTypeField(field) && field.getGenericType() instanceof ParameterizedType generic
            && generic.getActualTypeArguments()[0] == parameter) {
          candidates.add(field);
        }
      }
    }
    if (candidates.size() != 1) {
      problems.add("its @Handles method " + name + " takes a " + parameter.getSimpleName() + ", but the class declares "
          + (candidates.isEmpty() ? "no" : candidates.size()) + " static final Type<" + parameter.getSimpleName()
          + "> field" + (candidates.isEmpty() ? "" : "s " + candidates.stream().map(Field::getName).toList())
          + "; declare exactly one, or name one with @Handles(type = \"FIELD\")");
      return null;
    }
    return readTypeField(candidates.get(0), method, problems);
  }

  private static Type<?> readTypeField(Field field, Method method, List<String> problems) {
    try {
      field.setAccessible(true);
      Type<?> value = (Type<?>) field.get(null);
      if (value == null) {
        problems.add("its Type field '" + field.getName() + "' (for @Handles method '" + method.getName()
            + "') is null; assign it a type, e.g. Types.json(...)");
      }
      return value;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      problems.add(FunctionClass.missingDependency(e).orElseGet(() -> "its Type field '" + field.getName()
          + "' (for @Handles method '" + method.getName() + "') could not be read (" + e + ")"));
      return null;
    }
  }

  private static Field typeField(Class<?> type, String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (field.getName().equals(name) && isTypeField(field)) {
          return field;
        }
      }
    }
    return null;
  }

  private static boolean isTypeField(Field field) {
    int modifiers = field.getModifiers();
    return Type.class.isAssignableFrom(field.getType()) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers);
  }

}
