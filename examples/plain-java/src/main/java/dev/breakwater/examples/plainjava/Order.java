package dev.breakwater.examples.plainjava;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An order to pay for, as the checkout receives it and the gateway is sent it: a form,
 * {@code order=...&amountCents=...}.
 *
 * @param id          the order's id
 * @param amountCents what to charge, in cents
 */
public record Order(String id, long amountCents) {

    /**
     * @param form a form-encoded body
     * @return the order it describes
     * @throws IllegalArgumentException naming what is missing or not a number
     */
    public static Order fromForm(String form) {
        Map<String, String> fields = new HashMap<>();
        for (String field : form.split("&")) {
            int equals = field.indexOf('=');
            if (equals > 0) {
                fields.put(
                        field.substring(0, equals),
                        URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        String id = fields.get("order");
        String amount = fields.get("amountCents");
        if (id == null || id.isBlank() || amount == null) {
            throw new IllegalArgumentException(
                    "an order needs the fields order and amountCents, got: " + form);
        }
        try {
            return new Order(id, Long.parseLong(amount));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "amountCents must be a whole number of cents, got: " + amount, e);
        }
    }

    /** @return the order as a form-encoded body */
    public String toForm() {
        return "order="
                + URLEncoder.encode(id, StandardCharsets.UTF_8)
                + "&amountCents="
                + amountCents;
    }
}
