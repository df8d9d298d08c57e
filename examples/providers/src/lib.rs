//! One runnable program per seed snippet (`src/bin/`), each calling a provider through the
//! `integrations` facade with credentials and the base URL from the environment
//! (`Client::from_env`). Point `<PROVIDER>_BASE_URL` at a sandbox or a local server to
//! run one without touching production:
//!
//! ```sh
//! STRIPE_API_KEY=sk_test_… cargo run -p example-providers --bin stripe_payment_intent
//! ```
//!
//! The test suite compiles them all.

/// What every example returns: any error, printed with its cause by `main`.
pub type Outcome = Result<(), Box<dyn std::error::Error>>;

/// The seed flow of the Schema.org mappings: one `Person` created in four CRMs and payment
/// providers, each answer read back into a `Person`.
pub mod person_everywhere {
    use integrations::schema::Person;
    use integrations::{hubspot, pipedrive, salesforce, stripe};

    /// The person the example creates everywhere: Ada Lovelace, with an email, a
    /// telephone and a London address.
    pub fn ada() -> Person {
        Person::new()
            .name("Ada Lovelace")
            .given_name("Ada")
            .family_name("Lovelace")
            .email("ada@example.com")
            .telephone("+44 20 7946 0958")
            .address(
                integrations::schema::PostalAddress::new()
                    .address_locality("London")
                    .address_country("GB"),
            )
    }

    /// The clients the flow uses.
    pub struct Clients {
        /// Salesforce.
        pub salesforce: salesforce::Client,
        /// HubSpot.
        pub hubspot: hubspot::Client,
        /// Stripe.
        pub stripe: stripe::Client,
        /// Pipedrive.
        pub pipedrive: pipedrive::Client,
    }

    /// `person` as a Salesforce Contact (read back by its id), a HubSpot contact, a Stripe
    /// customer and a Pipedrive person, each provider's answer as a `Person`, in that order.
    pub async fn run(
        clients: &Clients,
        person: &Person,
    ) -> Result<Vec<(&'static str, Person)>, Box<dyn std::error::Error>> {
        let mut read_back = Vec::new();

        let saved = clients
            .salesforce
            .contacts()
            .create(salesforce::Contact::try_from(person)?)
            .await?;
        let contact = clients.salesforce.contacts().get(saved.id).await?;
        read_back.push(("Salesforce", Person::from(&contact)));

        let created = clients
            .hubspot
            .contacts()
            .create(hubspot::SimplePublicObjectInputForCreate::try_from(person)?)
            .await?;
        read_back.push(("HubSpot", Person::from(&created)));

        let customer = clients
            .stripe
            .customers()
            .create(stripe::PostCustomersBody::from(person))
            .await?;
        read_back.push(("Stripe", Person::from(&customer)));

        let added = clients
            .pipedrive
            .persons()
            .create(pipedrive::AddPersonBody::try_from(person)?)
            .await?;
        let data = added.data.ok_or("Pipedrive answered without the person")?;
        read_back.push(("Pipedrive", Person::from(&data)));
        Ok(read_back)
    }
}
