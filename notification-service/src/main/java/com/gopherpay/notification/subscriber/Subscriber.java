package com.gopherpay.notification.subscriber;

import java.util.LinkedHashMap;
import java.util.Map;

/** A subscriber as stored; {@code data} is free-form. */
public record Subscriber(
        String subscriberId,
        String email,
        String firstName,
        String lastName,
        String phone,
        String avatar,
        String locale,
        String timezone,
        Map<String, Object> data) {

    /** The {@code subscriber.*} namespace of templates (and the {@code subscriber} of message responses). */
    public Map<String, Object> toModel() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("subscriberId", subscriberId);
        putIfPresent(model, "email", email);
        putIfPresent(model, "firstName", firstName);
        putIfPresent(model, "lastName", lastName);
        putIfPresent(model, "phone", phone);
        putIfPresent(model, "avatar", avatar);
        putIfPresent(model, "locale", locale);
        putIfPresent(model, "timezone", timezone);
        model.put("data", data == null ? Map.of() : data);
        return model;
    }

    /** "Ada Lovelace", or null when neither name is known. */
    public String displayName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        return name.isEmpty() ? null : name;
    }

    private static void putIfPresent(Map<String, Object> model, String key, Object value) {
        if (value != null) {
            model.put(key, value);
        }
    }
}
