package dev.breakwater.examples.checkout;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The catalogue, read from the gateway and served from the last good answer when the gateway fails: a shop
 * can show slightly old prices, but not an error page.
 */
@ApplicationScoped
public class CatalogueService {

    private final GatewayClient gateway;
    private final AtomicReference<List<Product>> lastGood = new AtomicReference<>();

    public CatalogueService(@RestClient GatewayClient gateway) {
        this.gateway = gateway;
    }

    @Timeout(500)
    @Fallback(fallbackMethod = "lastKnown")
    public Catalogue products() {
        List<Product> products = gateway.catalogue();
        lastGood.set(products);
        return new Catalogue(products, Catalogue.Source.LIVE);
    }

    Catalogue lastKnown() {
        List<Product> cached = lastGood.get();
        if (cached == null) {
            throw new CatalogueUnavailableException();
        }
        return new Catalogue(cached, Catalogue.Source.CACHE);
    }
}
