package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;
import java.util.Locale;

/** W3C enum names ({@code "have-local-offer"}) for our enums ({@code HAVE_LOCAL_OFFER}). */
final class W3cNames {
    private W3cNames() {}

    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> @Nullable E parse(Class<E> type, String name) {
        for (E value : type.getEnumConstants()) {
            if (of(value).equals(name)) {
                return value;
            }
        }
        return null;
    }
}
