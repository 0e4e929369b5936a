package dev.leakgate.analysis;

/**
 * How much one request of the mix makes a leak grow, measured by sending it alone.
 *
 * @param request          the request as configured, e.g. {@code POST /orders}
 * @param growthPerRequest the leak's subject objects kept per request of this kind; 0 when it keeps none
 * @param requestsSent     how many of it were sent to measure this
 */
public record RequestGrowth(String request, double growthPerRequest, int requestsSent) {

    public boolean grows() {
        return growthPerRequest > 0;
    }
}
