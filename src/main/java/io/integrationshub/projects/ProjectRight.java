package io.integrationshub.projects;

/**
 * What a caller may do on one project. Organisation permissions grant them on every project of the
 * organisation (org.project.read: READ; org.project.edit: all), a collaborator role on its project
 * (viewer: READ; contributor: READ, EDIT; owner: all); the stronger grant wins.
 */
public enum ProjectRight {
    READ, EDIT, MANAGE_COLLABORATORS
}
