package dev.runnel.nexmark.queries;

/** A new user, as the queries read it from the event JSON (times epoch milliseconds). */
public record Person(long id, String name, String emailAddress, String creditCard, String city, String state,
    long dateTime, String extra) {}
