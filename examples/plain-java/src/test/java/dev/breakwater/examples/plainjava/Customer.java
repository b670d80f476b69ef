package dev.breakwater.examples.plainjava;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Places orders at the checkout over HTTP, as a shop's client would, and reads the answers. */
final class Customer {

    private final URI checkout;
    private int orders;

    Customer(URI checkout) {
        this.checkout = checkout;
    }

    /** What the checkout answered: the status, the {@code Retry-After} header (or null) and the body. */
    record Answer(int status, String retryAfter, String body) {

        boolean charged() {
            return status == 200;
        }

        /** @return the code of a 503's reason, which starts the body, as {@code circuit-open} */
        String reason() {
            int colon = body.indexOf(':');
            return colon < 0 ? body : body.substring(0, colon);
        }
    }

    Answer order() throws IOException {
        orders++;
        return order(new Order("o-" + orders, 1000 + orders));
    }

    Answer order(Order order) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) checkout.toURL().openConnection();
        try {
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(order.toForm().getBytes(StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            try (InputStream in =
                    status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                String body =
                        in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Answer(status, connection.getHeaderField("Retry-After"), body);
            }
        } finally {
            connection.disconnect();
        }
    }
}
