package dev.runnel.nexmark.generator;

/**
 * A new user (event type 0). Times are epoch milliseconds.
 *
 * @param id           the person's id, from 1000, dense in event id
 * @param name         first and last name
 * @param emailAddress a made-up address
 * @param creditCard   four groups of four digits
 * @param city         one of ten US cities
 * @param state        one of six US states
 * @param dateTime     when the person was created (event time)
 * @param extra        padding towards the average person size of 200 bytes
 */
public record Person(long id, String name, String emailAddress, String creditCard, String city, String state,
    long dateTime, String extra) {}
