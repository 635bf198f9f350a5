package dev.runnel.functions.operators;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.Function;

/**
 * A one-argument call of a user method as a {@link Function}, generated once at bind time with
 * {@link LambdaMetafactory} (a class the JIT inlines like user code), or, where none can be generated (a job class that
 * is not public, or one the JVM refuses to define a class beside), calling the method's handle (docs/record-path.md).
 */
public final class MethodFunction {
  private static final MethodType ERASED = MethodType.methodType(Object.class, Object.class);

  private MethodFunction() {}

  /** {@code method(argument)} on {@code receiver}: a public instance method taking one argument. */
  public static Function<Object, Object> bound(Method method, Object receiver, MethodHandle handle) {
    return generate(method, receiver, handle.bindTo(receiver).asType(ERASED));
  }

  /** {@code argument.method()}: a public instance method without arguments, such as a record accessor. */
  public static Function<Object, Object> accessor(Method method, MethodHandle handle) {
    return generate(method, null, handle.asType(ERASED));
  }

  /** Calls {@code handle}, typed {@code (Object)Object}, when nothing can be generated. */
  public static Function<Object, Object> ofHandle(MethodHandle handle) {
    MethodHandle erased = handle.asType(ERASED);
    return argument -> {
      try {
        return (Object) erased.invokeExact(argument);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable checked) {
        throw sneaky(checked);
      }
    };
  }

  private static Function<Object, Object> generate(Method method, Object receiver, MethodHandle erased) {
    Class<?> owner = method.getDeclaringClass();
    if (!Modifier.isPublic(owner.getModifiers()) || owner.isHidden()) {
      return ofHandle(erased);
    }
    try {
      MethodHandles.Lookup caller = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
      MethodHandle implementation = caller.unreflect(method);
      Class<?> argument = receiver == null ? owner : method.getParameterTypes()[0];
      MethodType instantiated = MethodType.methodType(method.getReturnType(), argument).wrap()
          .changeParameterType(0, argument);
      MethodType factory = receiver == null ? MethodType.methodType(Function.class)
          : MethodType.methodType(Function.class, owner);
      MethodHandle make = LambdaMetafactory.metafactory(caller, "apply", factory, ERASED, implementation,
          instantiated).getTarget();
      @SuppressWarnings("unchecked")
      Function<Object, Object> function = (Function<Object, Object>) (receiver == null ? make.invoke()
          : make.invoke(receiver));
      return function;
    } catch (Throwable refused) { // a lookup without full privilege, a class another loader defines: the handle
      return ofHandle(erased);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable checked) throws T {
    throw (T) checked;
  }
}
