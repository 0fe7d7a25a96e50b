package io.integrationshub.common.page;

import io.quarkus.panache.common.Parameters;

/**
 * The HQL condition of a list query with its named parameters: what every row must meet, then the filters the
 * request gave ({@link #equalIfGiven}: a filter left out, null, adds nothing). {@link PageRequest#fetch} runs it.
 */
public final class Where {
    private final StringBuilder hql;
    private final Parameters params;

    private Where(String condition, Parameters params) {
        this.hql = new StringBuilder(condition);
        this.params = params;
    }

    /** The condition every row meets, with its one parameter. */
    public static Where of(String condition, String name, Object value) {
        return new Where(condition, Parameters.with(name, value));
    }

    /** ANDs {@code condition}, binding {@code name} to {@code value}. */
    public Where and(String condition, String name, Object value) {
        hql.append(" and ").append(condition);
        params.and(name, value);
        return this;
    }

    /** ANDs {@code field = :field} when {@code value} is given. */
    public Where equalIfGiven(String field, Object value) {
        return value == null ? this : and(field + " = :" + field, field, value);
    }

    String hql() {
        return hql.toString();
    }

    Parameters params() {
        return params;
    }
}
